/**
 * Object kinds PostgreSQL has that the core model (`SchemaState`'s original collections) does not
 * have, by PostgreSQL's own names. A kind whose folder manages some of them says so in its
 * definition spec (`catalogKinds`, objects/definition): those are accepted and diffed, and only the
 * rest (`isManagedKind` false) are unmanaged: the desired state refuses them (@pg-flux/parser
 * `validate/unmanaged.ts`); in a live database they are read as a plain list (@pg-flux/inspector
 * `inspectWithStats`) so a plan can say what it leaves alone. They are never in a SchemaState:
 * nothing diffs them, so no plan creates, changes or drops them.
 */
export const UNMANAGED_KINDS = [
  "foreign table",
  "foreign-data wrapper",
  "foreign server",
  "user mapping",
  "publication",
  "subscription",
  "rule",
  "cast",
  "operator",
  "operator class",
  "operator family",
  "text search configuration",
  "text search dictionary",
  "text search parser",
  "text search template",
  "conversion",
  "transform",
  "access method",
  "table access method",
  "materialized view access method",
  "language",
  "language privilege",
  "extension member privilege",
] as const;

export type UnmanagedKind = (typeof UNMANAGED_KINDS)[number];
