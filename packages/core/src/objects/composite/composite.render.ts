import type { CompositeType } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName, typeName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };
export type Attribute = CompositeType["attributes"][number];

/** `name type [COLLATE c]` of one attribute; user types lose a `public.` prefix (objects/sql.ts). */
export function renderAttribute(attribute: Attribute): string {
  const collate = attribute.collation === null ? "" : ` COLLATE ${attribute.collation}`;
  return `${quoteIdent(attribute.name)} ${typeName(attribute.type, "public")}${collate}`;
}

/**
 * `CREATE TYPE name AS (\n  a integer,\n  b text\n);`
 * https://www.postgresql.org/docs/current/sql-createtype.html
 */
export function renderCreateComposite(type: Named, attributes: readonly Attribute[]): string {
  if (attributes.length === 0) return `CREATE TYPE ${relationName(type.schema, type.name)} AS ();`;
  const body = attributes.map((a) => `  ${renderAttribute(a)}`).join(",\n");
  return `CREATE TYPE ${relationName(type.schema, type.name)} AS (\n${body}\n);`;
}

/**
 * `ALTER TYPE name ADD ATTRIBUTE a type;` / `DROP ATTRIBUTE a;` / `ALTER ATTRIBUTE a TYPE t;`
 * https://www.postgresql.org/docs/current/sql-altertype.html
 */
export function renderAddAttribute(type: Named, attribute: Attribute): string {
  return `ALTER TYPE ${relationName(type.schema, type.name)} ADD ATTRIBUTE ${renderAttribute(attribute)};`;
}

export function renderDropAttribute(type: Named, attribute: string): string {
  return `ALTER TYPE ${relationName(type.schema, type.name)} DROP ATTRIBUTE ${quoteIdent(attribute)};`;
}

export function renderAlterAttributeType(type: Named, attribute: Attribute): string {
  const collate = attribute.collation === null ? "" : ` COLLATE ${attribute.collation}`;
  return `ALTER TYPE ${relationName(type.schema, type.name)} ALTER ATTRIBUTE ${quoteIdent(attribute.name)} TYPE ${typeName(attribute.type, "public")}${collate};`;
}
