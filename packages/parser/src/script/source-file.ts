import type { SourceLocation } from "@pg-flux/core";

/** One file (or stdin) of desired-state SQL, with its line index. */
export interface SourceFile {
  /** The name shown in messages: a path relative to the working directory, or `<stdin>`. */
  readonly name: string;
  /** Absolute path, or null for stdin and in-memory text. */
  readonly path: string | null;
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: readonly number[];
}

export function sourceFile(name: string, text: string, path: string | null = null): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return { name, path, text, lineStarts };
}

/** 0-based line index of a character offset. */
export function lineIndexAt(file: SourceFile, offset: number): number {
  let low = 0;
  let high = file.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((file.lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** 1-based file:line:column of a character offset (columns count characters, not bytes). */
export function locationAt(file: SourceFile, offset: number): SourceLocation {
  const line = lineIndexAt(file, offset);
  return { file: file.name, line: line + 1, column: offset - (file.lineStarts[line] ?? 0) + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1] ?? 0;
  const next = file.lineStarts[line];
  const end = next === undefined ? file.text.length : next - 1;
  return file.text.slice(start, end).replace(/\r$/, "");
}
