import { quoteLiteral } from "../../sql/quote.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * `CREATE TYPE name AS ENUM ('a', 'b');`
 * https://www.postgresql.org/docs/current/sql-createtype.html
 */
export function renderCreateEnum(type: Named, labels: readonly string[]): string {
  return `CREATE TYPE ${relationName(type.schema, type.name)} AS ENUM (${labels.map(quoteLiteral).join(", ")});`;
}

/** Where a new label goes; null appends it. */
export type EnumPlacement = { readonly position: "BEFORE" | "AFTER"; readonly label: string } | null;

/**
 * `ALTER TYPE name ADD VALUE 'label' [{BEFORE|AFTER} 'other'];`
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
export function renderAddEnumValue(type: Named, label: string, placement: EnumPlacement): string {
  const where = placement ? ` ${placement.position} ${quoteLiteral(placement.label)}` : "";
  return `ALTER TYPE ${relationName(type.schema, type.name)} ADD VALUE ${quoteLiteral(label)}${where};`;
}

/**
 * `ALTER TYPE name RENAME VALUE 'old' TO 'new';` (PostgreSQL 10+)
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
export function renderRenameEnumValue(type: Named, from: string, to: string): string {
  return `ALTER TYPE ${relationName(type.schema, type.name)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`;
}
