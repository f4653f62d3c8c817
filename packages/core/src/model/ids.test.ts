import { describe, expect, it } from "vitest";
import { decodeId, encodeId, ids, kindOfId } from "./ids.js";

describe("object ids", () => {
  it("read as they always did for ordinary names (fingerprints of saved plans hash them)", () => {
    expect(ids.table("public", "users")).toBe("table:public.users");
    expect(ids.column("app", "Users", "e-mail")).toBe("column:app.Users.e-mail");
    expect(ids.function("public", "f", "a integer, b public.status")).toBe(
      "function:public.f(a integer, b public.status)",
    );
    expect(ids.defaultPrivilege("app_owner", null, "tables")).toBe("default_privilege:app_owner.*.tables");
    expect(ids.columnDefault(ids.column("public", "t", "a"))).toBe("default:column:public.t.a");
  });

  it("are unambiguous for names holding a dot, a quote or a parenthesis", () => {
    const a = ids.table("a.b", "c");
    const b = ids.table("a", "b.c");
    expect(a).toBe('table:"a.b".c');
    expect(b).toBe('table:a."b.c"');
    expect(a).not.toBe(b);
    expect(ids.column("s", 'say "hi"', "x")).toBe('column:s.say "hi".x');
    expect(ids.column("s", '"hi"', "x")).toBe('column:s."""hi""".x');
    expect(ids.function("s", "f(x)", "")).toBe('function:s."f(x)"()');
    expect(ids.defaultPrivilege("r", "*", "tables")).not.toBe(ids.defaultPrivilege("r", null, "tables"));
  });

  it("decode to the names they were made from", () => {
    const cases: [string, string[], string | null][] = [
      ["table", ["public", "users"], null],
      ["column", ["a.b", 'q"uote', ""], null],
      ["index", ['"lead', 'mid"dle'], null],
      ["function", ["s", "f.g"], 'a "My.Type", b numeric(10,2)'],
      ["aggregate", ["s", "agg"], ""],
      ["schema", ["x)y("], null],
    ];
    for (const [kind, names, args] of cases) {
      expect(decodeId(encodeId(kind, names, args))).toEqual({ kind, names, arguments: args });
    }
    expect(decodeId(ids.defaultPrivilege("r", null, "tables"))?.names).toEqual(["r", null, "tables"]);
    expect(decodeId(ids.defaultPrivilege("r", "*", "tables"))?.names).toEqual(["r", "*", "tables"]);
    expect(decodeId(ids.columnType(ids.column("a.b", "t", "c")))).toEqual({
      kind: "column_type",
      names: ['column:"a.b".t.c'],
      arguments: null,
    });
    expect(decodeId("no colon")).toBeNull();
    expect(decodeId('table:"open')).toBeNull();
    expect(decodeId("table:a b.c")?.names).toEqual(["a b", "c"]);
    expect(kindOfId('table:"a:b".c')).toBe("table");
  });
});
