import { createHash } from "node:crypto";

/**
 * The sha256 of a migration's text, hex-encoded. Line endings are normalised to LF first, so a
 * checkout with CRLF line endings (or a byte-order mark) does not look like an edited migration.
 */
export function checksumOf(text: string): string {
  return createHash("sha256").update(normalizeLineEndings(text), "utf8").digest("hex");
}

/** LF line endings and no byte-order mark. */
export function normalizeLineEndings(text: string): string {
  return text.replaceAll("\r\n", "\n").replace(/^\uFEFF/, "");
}
