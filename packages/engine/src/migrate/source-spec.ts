/** One side of `pg-flux diff`: a live database, or SQL files/directories to load. */
export type DiffSide =
  | { readonly kind: "database"; readonly url: string }
  | { readonly kind: "sql"; readonly paths: readonly string[] };

/** `postgres://…` / `postgresql://…` is a database; anything else is a file or directory path. */
export function isDatabaseUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

export function diffSide(spec: string | readonly string[]): DiffSide {
  const list = typeof spec === "string" ? [spec] : [...spec];
  const [first] = list;
  if (list.length === 1 && first !== undefined && isDatabaseUrl(first))
    return { kind: "database", url: first };
  return { kind: "sql", paths: list };
}
