import { describe, expect, it } from "vitest";
import { objectReferenceRewriter } from "./object-references.js";

describe("objectReferenceRewriter", () => {
  const rewrite = objectReferenceRewriter([
    {
      from: { schema: "public", name: "calc_total" },
      to: { schema: "public", name: "calc_sum" },
      call: true,
    },
    { from: { schema: "public", name: "live" }, to: { schema: "app", name: "Active" }, call: false },
    {
      from: { schema: "public", name: "invoice_seq" },
      to: { schema: "public", name: "invoice_no" },
      call: false,
    },
  ]);

  it("renames calls, relations and regclass literals the server prints qualified", () => {
    expect(rewrite(" SELECT public.calc_total(n) AS t\n   FROM public.live;")).toBe(
      ' SELECT public.calc_sum(n) AS t\n   FROM app."Active";',
    );
    expect(rewrite("nextval('public.invoice_seq'::regclass)")).toBe("nextval('public.invoice_no'::regclass)");
  });

  it("leaves other literals, longer names, other schemas and a relation name used as a call alone", () => {
    for (const text of [
      "'public.calc_total(1)'",
      "public.calc_totals(n)",
      "other.calc_total(n)",
      "public.calc_total",
      "public.live(1)",
      "public.lively",
      "'public.invoice_seq'::text",
    ]) {
      expect(rewrite(text)).toBe(text);
    }
  });
});
