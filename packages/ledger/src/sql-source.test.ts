import { describe, expect, it } from "vitest";
import { compareVersions, parseVersionedName } from "./migration-files.js";
import { parseSqlSource } from "./sql-source.js";
import { codePointIndexToOffset, lineAndColumn } from "./text-offsets.js";

async function parsed(text: string) {
  const result = await parseSqlSource("m.sql", text);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join("; "));
  return result.source;
}

describe("parseSqlSource", () => {
  it("splits on top-level semicolons only, across dollar quotes, strings and multibyte text", async () => {
    const source = await parsed(
      "select 'é;è';\ncreate function f() returns int language sql as $x$ select 1; $x$;\n-- done; really\nselect 2",
    );
    expect(source.statements.map((statement) => statement.text)).toEqual([
      "select 'é;è'",
      "create function f() returns int language sql as $x$ select 1; $x$",
      "select 2",
    ]);
    expect(source.statements[1]?.start).toBe(14);
    expect(source.noTransaction).toBe(false);
  });

  it("reads the no-transaction directive from the first line only, and allows BEGIN/COMMIT there", async () => {
    const source = await parsed(
      "-- pg-flux:no-transaction\nbegin;\ncreate index concurrently i on t (a);\ncommit;\n",
    );
    expect(source.noTransaction).toBe(true);
    expect(source.statements).toHaveLength(3);
    const late = await parseSqlSource("m.sql", "select 1;\n-- pg-flux:no-transaction\nvacuum;\n");
    expect(late.ok).toBe(false);
    if (!late.ok)
      expect(late.problems[0]).toMatchObject({ message: "VACUUM cannot run inside a transaction block" });
  });

  it("points a misplaced statement at its first token, past nested block comments", async () => {
    const result = await parseSqlSource(
      "m.sql",
      "select 1;\n/* a /* nested; */ still comment */\n  vacuum;\n",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({
        message: "VACUUM cannot run inside a transaction block",
        location: { file: "m.sql", line: 3, column: 3 },
        sourceLine: "  vacuum;",
      });
    }
  });

  it("reports a syntax error at its line and column, counting characters not bytes", async () => {
    const result = await parseSqlSource("m.sql", "-- déjà\nselect é from where;\n");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]?.location).toEqual({ file: "m.sql", line: 2, column: 15 });
      expect(result.problems[0]?.sourceLine).toBe("select é from where;");
    }
  });

  it("normalises CRLF so the checksum does not depend on the checkout", async () => {
    const lf = await parsed("select 1;\nselect 2;\n");
    const crlf = await parsed("select 1;\r\nselect 2;\r\n");
    expect(crlf.checksum).toBe(lf.checksum);
  });
});

describe("offsets", () => {
  it("maps server positions (code points) to UTF-16 offsets and line:column", () => {
    const text = "-- 😀\nselect x";
    expect(codePointIndexToOffset(text, 4)).toBe(5);
    expect(lineAndColumn(text, text.indexOf("x"))).toEqual({ line: 2, column: 8, sourceLine: "select x" });
  });
});

describe("versions", () => {
  it("reads prefixes and orders them numerically", () => {
    expect(parseVersionedName("0001_create_moods.sql")).toEqual({ version: "0001", name: "create_moods" });
    expect(parseVersionedName("20240101120000-x.sql")).toEqual({ version: "20240101120000", name: "x" });
    expect(parseVersionedName("seed.sql")).toBeUndefined();
    expect(["10", "0002", "1"].sort(compareVersions)).toEqual(["1", "0002", "10"]);
  });
});
