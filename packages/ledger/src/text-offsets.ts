/**
 * Offsets into SQL text come in three units: libpg-query reports UTF-8 byte offsets, the server
 * reports 1-based character (code point) positions, and JavaScript strings index UTF-16 code units.
 * Everything in push/ works in UTF-16 offsets of the file text; these helpers convert into them.
 */

/** A function from a UTF-8 byte offset of `text` to its UTF-16 offset. */
export function byteOffsetMapper(text: string): (byteOffset: number) => number {
  if (Buffer.byteLength(text, "utf8") === text.length) return (offset) => offset;
  const bytes = Buffer.from(text, "utf8");
  return (offset) => bytes.subarray(0, Math.max(0, offset)).toString("utf8").length;
}

/** The UTF-16 offset of the code point at 0-based code point index `index` of `text`. */
export function codePointIndexToOffset(text: string, index: number): number {
  let offset = 0;
  let seen = 0;
  for (const char of text) {
    if (seen >= index) break;
    offset += char.length;
    seen += 1;
  }
  return offset;
}

/** 1-based line and column (in code points) of a UTF-16 offset, with the text of that line. */
export function lineAndColumn(
  text: string,
  offset: number,
): { readonly line: number; readonly column: number; readonly sourceLine: string } {
  const clamped = Math.min(Math.max(0, offset), text.length);
  const before = text.slice(0, clamped);
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = before.split("\n").length;
  const lineEnd = text.indexOf("\n", lineStart);
  const sourceLine = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const column = [...text.slice(lineStart, clamped)].length + 1;
  return { line, column, sourceLine };
}
