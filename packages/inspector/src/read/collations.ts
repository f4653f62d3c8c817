import { type Collation, ids } from "@pg-flux/core";
import type { CollationRow } from "../queries/collations.sql.js";
import { decode } from "./codes.js";

const PROVIDER = { c: "libc", i: "icu", b: "builtin" } as const;

/**
 * Before PostgreSQL 15 an ICU collation keeps its locale in `collcollate`/`collctype`; from 15 on
 * those are null for ICU and the locale has its own column. Both read as `locale` here.
 */
export function readCollation(row: CollationRow): Collation {
  const provider = decode("collation provider", PROVIDER, row.provider);
  const libc = provider === "libc";
  return {
    kind: "collation",
    id: ids.collation(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    provider,
    locale: libc ? null : (row.locale ?? row.lcCollate),
    lcCollate: libc ? row.lcCollate : null,
    lcCtype: libc ? row.lcCtype : null,
    deterministic: row.deterministic,
    rules: row.rules === "" ? null : row.rules,
    owner: row.owner,
    comment: row.comment,
  };
}
