import type { Collation } from "../../model/state.js";
import { quoteLiteral } from "../../sql/quote.js";
import { relationName } from "../sql.js";

/**
 * `CREATE COLLATION name (provider = …, locale = '…' | lc_collate = '…', lc_ctype = '…',
 * deterministic = false, rules = '…');` — the defaults (deterministic, no rules) are left out.
 * https://www.postgresql.org/docs/current/sql-createcollation.html
 */
export function renderCreateCollation(collation: Collation): string {
  const options = [`provider = ${collation.provider}`];
  if (collation.locale !== null) options.push(`locale = ${quoteLiteral(collation.locale)}`);
  if (collation.lcCollate !== null) options.push(`lc_collate = ${quoteLiteral(collation.lcCollate)}`);
  if (collation.lcCtype !== null) options.push(`lc_ctype = ${quoteLiteral(collation.lcCtype)}`);
  if (!collation.deterministic) options.push("deterministic = false");
  if (collation.rules !== null) options.push(`rules = ${quoteLiteral(collation.rules)}`);
  return `CREATE COLLATION ${relationName(collation.schema, collation.name)} (${options.join(", ")});`;
}

/** `DROP COLLATION name;` (https://www.postgresql.org/docs/current/sql-dropcollation.html) */
export function renderDropCollation(collation: { readonly schema: string; readonly name: string }): string {
  return `DROP COLLATION ${relationName(collation.schema, collation.name)};`;
}
