import { isConnectionUrl, startsWithConnectionKeyword } from "@pg-flux/core";
import type { SourceInput } from "@pg-flux/parser";

/** One side of `pg-flux diff`: a live database, or SQL (files, directories, or `{ name, text }`) to load. */
export type DiffSide =
  | { readonly kind: "database"; readonly url: string }
  | { readonly kind: "sql"; readonly sources: readonly SourceInput[] };

/**
 * `postgres://…` / `postgresql://…`, or a key=value connection string starting with a libpq
 * keyword (`host=… dbname=…`), is a database; anything else is a file or directory path.
 */
export function isDatabaseUrl(text: string): boolean {
  return isConnectionUrl(text) || startsWithConnectionKeyword(text);
}

export function diffSide(spec: SourceInput | readonly SourceInput[]): DiffSide {
  const list: readonly SourceInput[] = Array.isArray(spec) ? spec : [spec as SourceInput];
  const [first] = list;
  if (list.length === 1 && typeof first === "string" && isDatabaseUrl(first))
    return { kind: "database", url: first };
  return { kind: "sql", sources: list };
}
