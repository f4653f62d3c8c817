import type { Problem } from "../errors.js";

/** Where the first byte that is not UTF-8 sits, and what is wrong with it. */
export interface Utf8Error {
  /** 0-based offset of the offending byte in the file. */
  readonly byteOffset: number;
  readonly byte: number;
  /** 1-based line, and column in characters of the valid text before it (as every other location). */
  readonly line: number;
  readonly column: number;
  /** The line as far as it decodes, then U+FFFD for each byte that does not. */
  readonly sourceLine: string;
  readonly reason: string;
  /** Bytes in the file that are not UTF-8, this one included. */
  readonly invalidBytes: number;
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/**
 * Decodes a file's bytes as UTF-8, refusing anything else: a Latin-1 `é` (0xE9) decoded leniently
 * becomes U+FFFD and would reach the database as a different character, silently. A leading UTF-8
 * byte order mark is dropped, as psql does.
 */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly error: Utf8Error } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: strict.decode(body) };
  } catch {
    return { error: locateUtf8Error(body, start) };
  }
}

/** The problem to report for a file that is not UTF-8: `file:line:col`, the line, a caret, the fix. */
export function utf8Problem(file: string, error: Utf8Error): Problem {
  const more = error.invalidBytes > 1 ? ` (${error.invalidBytes} bytes in the file are not UTF-8)` : "";
  const latin1 = String.fromCharCode(error.byte);
  const guess = error.byte >= 0xa0 ? `; in Latin-1 (ISO-8859-1) or Windows-1252 it would be "${latin1}"` : "";
  return {
    message: `the file is not valid UTF-8: byte 0x${hex(error.byte)} at byte offset ${error.byteOffset} ${error.reason}${more}${guess}`,
    location: { file, line: error.line, column: error.column },
    sourceLine: error.sourceLine,
    hint: utf16(error)
      ? "the file looks like UTF-16: save it as UTF-8"
      : `pg-flux reads SQL as UTF-8: convert the file, e.g. iconv -f LATIN1 -t UTF-8 ${file} > converted.sql`,
  };
}

function utf16(error: Utf8Error): boolean {
  return error.byteOffset === 0 && (error.byte === 0xff || error.byte === 0xfe);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}

/** Walks the bytes with the UTF-8 rules (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
function locateUtf8Error(bytes: Uint8Array, skipped: number): Utf8Error {
  let first: { offset: number; reason: string } | undefined;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (typeof length === "number") {
      i += length;
      continue;
    }
    invalid++;
    first ??= { offset: i, reason: length.reason };
    i++;
  }
  const offset = first?.offset ?? 0;
  const before = lenient.decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = bytes.indexOf(0x0a, offset);
  const rest = lenient.decode(bytes.subarray(offset, lineEnd === -1 ? bytes.length : lineEnd));
  return {
    byteOffset: offset + skipped,
    byte: bytes[offset] ?? 0,
    line: countNewlines(before) + 1,
    column: before.length - lineStart + 1,
    sourceLine: (before.slice(lineStart) + rest).replace(/\r$/, ""),
    reason: first?.reason ?? "is not UTF-8",
    invalidBytes: invalid,
  };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The length of the valid sequence starting at `i`, or why it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number | { reason: string } {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  if (b0 >= 0x80 && b0 < 0xc2) {
    return {
      reason: b0 < 0xc0 ? "is a continuation byte with no lead byte" : "starts an overlong encoding",
    };
  }
  const length = b0 < 0xe0 ? 2 : b0 < 0xf0 ? 3 : b0 < 0xf5 ? 4 : 0;
  if (length === 0) return { reason: "can never appear in UTF-8" };
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    if (b === undefined) return { reason: "starts a sequence the file ends in the middle of" };
    if ((b & 0xc0) !== 0x80) return { reason: `starts a ${length}-byte sequence that is cut short` };
  }
  const b1 = bytes[i + 1]!;
  if (b0 === 0xe0 && b1 < 0xa0) return { reason: "starts an overlong encoding" };
  if (b0 === 0xed && b1 >= 0xa0) return { reason: "encodes a UTF-16 surrogate" };
  if (b0 === 0xf0 && b1 < 0x90) return { reason: "starts an overlong encoding" };
  if (b0 === 0xf4 && b1 >= 0x90) return { reason: "encodes a code point past U+10FFFF" };
  return length;
}
