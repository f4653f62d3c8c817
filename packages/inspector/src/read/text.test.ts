import { describe, expect, test } from "vitest";
import { partitionKeys, triggerArguments, triggerWhen } from "./text.js";

describe("partitionKeys", () => {
  test("reads column and expression keys", () => {
    expect(partitionKeys("RANGE (occurred_at)")).toEqual(["occurred_at"]);
    expect(partitionKeys(`LIST (lower((name)::text), "Region")`)).toEqual([
      "lower((name)::text)",
      `"Region"`,
    ]);
    expect(partitionKeys(`HASH (id int4_ops, (a || ')'))`)).toEqual(["id int4_ops", "(a || ')')"]);
  });
});

describe("triggerWhen", () => {
  test("extracts the condition with nested parentheses", () => {
    const def =
      "CREATE TRIGGER t BEFORE UPDATE ON public.a FOR EACH ROW WHEN ((old.x IS DISTINCT FROM new.x)) EXECUTE FUNCTION public.f()";
    expect(triggerWhen(def)).toBe("(old.x IS DISTINCT FROM new.x)");
  });
  test("a literal holding a parenthesis does not end the condition", () => {
    const def =
      "CREATE TRIGGER t AFTER INSERT ON public.a FOR EACH ROW WHEN ((new.s = ')'::text)) EXECUTE FUNCTION public.f()";
    expect(triggerWhen(def)).toBe("(new.s = ')'::text)");
  });
  test("null without WHEN", () => {
    expect(
      triggerWhen("CREATE TRIGGER t AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION public.f()"),
    ).toBe(null);
  });
});

describe("triggerArguments", () => {
  test("decodes NUL-terminated arguments", () => {
    const hex = Buffer.from("a\u0000b c\u0000\u0000", "utf8").toString("hex");
    expect(triggerArguments(hex, 3)).toEqual(["a", "b c", ""]);
    expect(triggerArguments("", 0)).toEqual([]);
  });
});
