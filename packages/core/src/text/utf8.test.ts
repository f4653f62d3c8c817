import { describe, expect, it } from "vitest";
import { formatProblem } from "../errors.js";
import { decodeUtf8, utf8Problem } from "./utf8.js";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "utf8")] : part)),
  );

function errorOf(input: Uint8Array) {
  const decoded = decodeUtf8(input);
  if (!("error" in decoded)) throw new Error("expected a decoding error");
  return decoded.error;
}

describe("decodeUtf8", () => {
  it("decodes UTF-8, multi-byte characters included, and drops a byte order mark", () => {
    expect(decodeUtf8(bytes("select 'é€😀';\n"))).toEqual({ text: "select 'é€😀';\n" });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "create table t ();"))).toEqual({
      text: "create table t ();",
    });
  });

  it("refuses a Latin-1 é at its line and column, counting characters before it", () => {
    const error = errorOf(
      bytes("create table t (\n  -- déjà vu\n  name text default 'caf", [0xe9], "'\n);\n"),
    );
    expect(error).toMatchObject({ line: 3, column: 25, byte: 0xe9, invalidBytes: 1 });
    expect(error.byteOffset).toBe(
      Buffer.byteLength("create table t (\n  -- déjà vu\n  name text default 'caf"),
    );
    expect(error.sourceLine).toBe("  name text default 'caf\uFFFD'");
    expect(formatProblem(utf8Problem("schema/t.sql", error))).toBe(
      [
        `schema/t.sql:3:25: the file is not valid UTF-8: byte 0xE9 at byte offset ${error.byteOffset} starts a 3-byte sequence that is cut short; in Latin-1 (ISO-8859-1) or Windows-1252 it would be "é"`,
        "  3 |   name text default 'caf\uFFFD'",
        `  ${" ".repeat("3 | ".length + 24)}^`,
        "  hint: pg-flux reads SQL as UTF-8: convert the file, e.g. iconv -f LATIN1 -t UTF-8 schema/t.sql > converted.sql",
      ].join("\n"),
    );
  });

  it("names each kind of invalid sequence and counts every bad byte", () => {
    expect(errorOf(bytes("a", [0x80], "b")).reason).toBe("is a continuation byte with no lead byte");
    expect(errorOf(bytes([0xc0, 0xaf])).reason).toBe("starts an overlong encoding");
    expect(errorOf(bytes([0xe0, 0x80, 0xaf])).reason).toBe("starts an overlong encoding");
    expect(errorOf(bytes([0xed, 0xa0, 0x80])).reason).toBe("encodes a UTF-16 surrogate");
    expect(errorOf(bytes([0xf4, 0x90, 0x80, 0x80])).reason).toBe("encodes a code point past U+10FFFF");
    expect(errorOf(bytes([0xff])).reason).toBe("can never appear in UTF-8");
    expect(errorOf(bytes("x", [0xe2, 0x82])).reason).toBe("starts a sequence the file ends in the middle of");
    expect(errorOf(bytes("caf", [0xe9], " cr", [0xe8], "me ", [0xe0])).invalidBytes).toBe(3);
  });

  it("says when a file looks like UTF-16", () => {
    const error = errorOf(bytes([0xff, 0xfe], [0x63, 0x00]));
    expect(error).toMatchObject({ byteOffset: 0, line: 1, column: 1 });
    expect(utf8Problem("a.sql", error).hint).toBe("the file looks like UTF-16: save it as UTF-8");
  });
});
