import { describe, expect, it } from "vitest";
import { typeReferenceRewriter } from "./type-references.js";

const refs = typeReferenceRewriter([
  { from: { schema: "public", name: "status" }, to: { schema: "public", name: "state" } },
  { from: { schema: "app", name: "Mood" }, to: { schema: "sales", name: "mood" } },
  { from: { schema: "public", name: "same" }, to: { schema: "public", name: "same" } },
]);

describe("type references after a rename", () => {
  it("rewrites format_type texts, arrays kept, other types untouched", () => {
    expect(refs.typeText("public.status")).toBe("public.state");
    expect(refs.typeText("public.status[]")).toBe("public.state[]");
    expect(refs.typeText('app."Mood"[]')).toBe("sales.mood[]");
    expect(refs.typeText("public.status2")).toBe("public.status2");
    expect(refs.typeText("text")).toBe("text");
  });

  it("rewrites casts, never string literals, quoted identifiers or longer names", () => {
    expect(refs.casts("(s = 'a'::public.status)")).toBe("(s = 'a'::public.state)");
    expect(refs.casts("ARRAY['a'::public.status]::public.status[]")).toBe(
      "ARRAY['a'::public.state]::public.state[]",
    );
    expect(refs.casts(`'x'::app."Mood"`)).toBe("'x'::sales.mood");
    expect(refs.casts("'it''s ::public.status'::text")).toBe("'it''s ::public.status'::text");
    expect(refs.casts("E'\\'::public.status'::text")).toBe("E'\\'::public.status'::text");
    expect(refs.casts('"a::public.status"::public.status')).toBe('"a::public.status"::public.state');
    expect(refs.casts("x::public.status2, y::public.status_x, z::public.statuses")).toBe(
      "x::public.status2, y::public.status_x, z::public.statuses",
    );
    // A bare name is no cast: only `names` rewrites it.
    expect(refs.casts("public.status")).toBe("public.status");
  });

  it("rewrites bare type names in signatures, not calls or qualified references", () => {
    expect(refs.names("s public.status, t public.status[] DEFAULT 'a'::public.status")).toBe(
      "s public.state, t public.state[] DEFAULT 'a'::public.state",
    );
    expect(refs.names("public.status(1), public.status.x, mypublic.status")).toBe(
      "public.status(1), public.status.x, mypublic.status",
    );
  });

  it("rewrites a routine's header and a SQL-standard body, never a body kept as a string", () => {
    const header = "CREATE OR REPLACE FUNCTION public.f(s public.status)\n RETURNS public.status\n LANGUAGE";
    expect(
      refs.functionDefinition(`${header} plpgsql\nAS $function$select 'a'::public.status$function$\n`),
    ).toBe(
      "CREATE OR REPLACE FUNCTION public.f(s public.state)\n RETURNS public.state\n LANGUAGE plpgsql\nAS $function$select 'a'::public.status$function$\n",
    );
    expect(refs.functionDefinition(`${header} sql\nRETURN (s)::text::public.status\n`)).toBe(
      "CREATE OR REPLACE FUNCTION public.f(s public.state)\n RETURNS public.state\n LANGUAGE sql\nRETURN (s)::text::public.state\n",
    );
    expect(refs.functionDefinition(`${header} sql\nBEGIN ATOMIC\n SELECT 'a'::public.status;\nEND\n`)).toBe(
      "CREATE OR REPLACE FUNCTION public.f(s public.state)\n RETURNS public.state\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 'a'::public.state;\nEND\n",
    );
  });

  it("is empty when no name changes", () => {
    const none = typeReferenceRewriter([
      { from: { schema: "a", name: "b" }, to: { schema: "a", name: "b" } },
    ]);
    expect(none.empty).toBe(true);
    expect(none.casts("'x'::a.b")).toBe("'x'::a.b");
  });
});
