import { describe, expect, test } from "vitest";
import {
  closingBracket,
  findTopLevel,
  scanToken,
  skipSpaceAndComments,
  splitQualifiedName,
  splitTopLevel,
  sqlTokens,
  stripOuterParens,
  unquoteIdentifier,
} from "./scan.js";

/** `[kind, text]` of every token. */
function tokens(text: string): [string, string][] {
  return [...sqlTokens(text)].map((t) => [t.kind, text.slice(t.start, t.end)]);
}

describe("scanToken", () => {
  test("words, symbols, whitespace", () => {
    expect(tokens("select a$1, b_2\n  from t;")).toEqual([
      ["word", "select"],
      ["space", " "],
      ["word", "a$1"],
      ["symbol", ","],
      ["space", " "],
      ["word", "b_2"],
      ["space", "\n  "],
      ["word", "from"],
      ["space", " "],
      ["word", "t"],
      ["symbol", ";"],
    ]);
  });

  test("strings with doubled quotes, and E'…' with backslash escapes", () => {
    expect(tokens(`'it''s', E'a\\'b', e'\\\\'`)).toEqual([
      ["string", `'it''s'`],
      ["symbol", ","],
      ["space", " "],
      ["string", `E'a\\'b'`],
      ["symbol", ","],
      ["space", " "],
      ["string", `e'\\\\'`],
    ]);
    // a word ending in e is not an escape prefix; a backslash in a plain string is a character
    expect(tokens(`type'a\\'`)).toEqual([
      ["word", "type"],
      ["string", `'a\\'`],
    ]);
    // asked at the quote itself, the E before it still counts
    expect(scanToken(`x E'\\''`, 3).end).toBe(7);
  });

  test("quoted identifiers and dollar quotes", () => {
    expect(tokens(`"a ""b"".c" $$ ; ' $$ $fn$ $$ x $fn$ $1`)).toEqual([
      ["quoted_identifier", `"a ""b"".c"`],
      ["space", " "],
      ["dollar_string", "$$ ; ' $$"],
      ["space", " "],
      ["dollar_string", "$fn$ $$ x $fn$"],
      ["space", " "],
      ["symbol", "$"],
      ["symbol", "1"],
    ]);
  });

  test("line comments stop before the newline; block comments nest", () => {
    expect(tokens("a -- b ' c\n/* x /* y */ ' */d")).toEqual([
      ["word", "a"],
      ["space", " "],
      ["line_comment", "-- b ' c"],
      ["space", "\n"],
      ["block_comment", "/* x /* y */ ' */"],
      ["word", "d"],
    ]);
  });

  test("an unterminated run goes to the end of the text and says so", () => {
    for (const text of [`'abc`, `"abc`, "$q$ abc $", "/* a /* b */", `E'a\\'`]) {
      const token = scanToken(text, 0);
      expect([token.end, token.terminated]).toEqual([text.length, false]);
    }
    expect(scanToken("'a'", 0).terminated).toBe(true);
  });
});

describe("helpers over tokens", () => {
  test("splitTopLevel splits only at top-level commas", () => {
    expect(splitTopLevel("a, lower(b, c), (d + 1)")).toEqual(["a", "lower(b, c)", "(d + 1)"]);
    expect(splitTopLevel(`"x,y", 'a,''b', c[1:2]`)).toEqual([`"x,y"`, `'a,''b'`, "c[1:2]"]);
    expect(splitTopLevel("a numeric(10,2), b text DEFAULT 'x,y'::text")).toEqual([
      "a numeric(10,2)",
      "b text DEFAULT 'x,y'::text",
    ]);
    expect(splitTopLevel(`E'\\',', b /* , */`)).toEqual([`E'\\','`, "b /* , */"]);
    expect(splitTopLevel("")).toEqual([]);
    expect(splitTopLevel("  ")).toEqual([]);
  });

  test("closingBracket matches nested brackets past quotes; -1 when unclosed", () => {
    const text = `f(a[')'], ")", (b)) + 1`;
    expect(closingBracket(text, 1)).toBe(18);
    expect(closingBracket(text, 3)).toBe(7);
    expect(closingBracket("(a", 0)).toBe(-1);
  });

  test("findTopLevel skips brackets and quoted runs", () => {
    const text = `(a b) 'c d' "e f" g h`;
    expect(findTopLevel(text, (_, token) => token.kind === "space")).toBe(5);
    expect(findTopLevel(text, (i) => text[i] === "g")).toBe(18);
    expect(findTopLevel(text, (i) => text[i] === "b")).toBe(-1);
    expect(findTopLevel("(a b", (_, token) => token.kind === "space")).toBe(-1);
  });

  test("stripOuterParens removes one pair around the whole text only", () => {
    expect(stripOuterParens(" ((a > 0)) ")).toBe("(a > 0)");
    expect(stripOuterParens("(a) AND (b)")).toBe("(a) AND (b)");
    expect(stripOuterParens("(a = ')(')")).toBe("a = ')('");
    expect(stripOuterParens("a")).toBe("a");
  });

  test("skipSpaceAndComments stops at the first token of substance", () => {
    const text = "  -- x\n /* y /* z */ */\n  SELECT 1";
    expect(text.slice(skipSpaceAndComments(text, 0))).toBe("SELECT 1");
    expect(skipSpaceAndComments("  /* open", 0)).toBe(9);
  });

  test("splitQualifiedName unquotes and folds as PostgreSQL does", () => {
    expect(splitQualifiedName("app.users")).toEqual(["app", "users"]);
    expect(splitQualifiedName(`"My.Schema"."A ""q"""`)).toEqual(["My.Schema", `A "q"`]);
    expect(splitQualifiedName("Users")).toEqual(["users"]);
    expect(splitQualifiedName("a.")).toBeNull();
    expect(splitQualifiedName("a b")).toBeNull();
    expect(splitQualifiedName(`""`)).toBeNull();
    expect(unquoteIdentifier(`"a""b"`)).toBe(`a"b`);
    expect(unquoteIdentifier("plain")).toBe("plain");
  });
});
