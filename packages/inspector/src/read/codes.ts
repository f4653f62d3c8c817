import { PgFluxError } from "@pg-flux/core";

/**
 * Single-letter catalog codes to model words. An unknown code means a server newer than this
 * inspector knows: fail loudly rather than guess.
 */
export function decode<T extends string>(what: string, table: Readonly<Record<string, T>>, code: string): T {
  const value = table[code];
  if (value === undefined) {
    throw new PgFluxError(`unknown ${what} code '${code}' in the catalog`, {
      code: "runtime",
      hint: "this PostgreSQL version may be newer than pg-flux supports",
    });
  }
  return value;
}

export const PERSISTENCE = { p: "permanent", u: "unlogged" } as const;
export const REPLICA_IDENTITY = { d: "default", n: "nothing", f: "full", i: "index" } as const;
export const PARTITION_STRATEGY = { r: "range", l: "list", h: "hash" } as const;
export const IDENTITY = { a: "always", d: "by default" } as const;
export const GENERATED = { s: "stored", v: "virtual" } as const;
/** attcompression; '' (the default) is read as null. */
export const COMPRESSION = { p: "pglz", l: "lz4" } as const;
export const STORAGE = { p: "plain", e: "external", x: "extended", m: "main" } as const;
export const MATCH = { s: "simple", f: "full", p: "partial" } as const;
export const REFERENTIAL_ACTION = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
} as const;
export const VOLATILITY = { i: "immutable", s: "stable", v: "volatile" } as const;
export const PARALLEL = { s: "safe", r: "restricted", u: "unsafe" } as const;
export const ENABLED = { O: "origin", D: "disabled", R: "replica", A: "always" } as const;
export const POLICY_COMMAND = { "*": "all", r: "select", a: "insert", w: "update", d: "delete" } as const;
export const DEFAULT_ACL_OBJECT = {
  r: "tables",
  S: "sequences",
  f: "functions",
  T: "types",
  n: "schemas",
} as const;

/** A value the catalog always sets for this kind of row; its absence means a broken read. */
export function required<T>(value: T | null, what: string, objectId: string): T {
  if (value === null) {
    throw new PgFluxError(`the catalog has no ${what} for ${objectId}`, { code: "runtime", objectId });
  }
  return value;
}
