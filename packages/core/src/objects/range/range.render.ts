import type { RangeType } from "../../model/state.js";
import { relationName, typeName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * The multirange name PostgreSQL derives when none is given: `range` replaced by `multirange` in the
 * range's name, else `<name>_multirange` (makeMultirangeTypeName in typecmds.c).
 */
export function defaultMultirangeName(name: string): string {
  const at = name.indexOf("range");
  return at === -1
    ? `${name}_multirange`
    : `${name.slice(0, at)}multirange${name.slice(at + "range".length)}`;
}

/**
 * `CREATE TYPE name AS RANGE (SUBTYPE = t[, SUBTYPE_OPCLASS = …][, COLLATION = …][, CANONICAL = …]
 * [, SUBTYPE_DIFF = …][, MULTIRANGE_TYPE_NAME = …]);` — the multirange name only when it is not the
 * derived one (a recreate creates the range under a temporary name and renames both afterwards).
 * https://www.postgresql.org/docs/current/sql-createtype.html
 */
export function renderCreateRange(
  range: RangeType,
  name: Named = range,
  multirange: string | null = range.multirangeName,
): string {
  const options = [`SUBTYPE = ${typeName(range.subtype, "public")}`];
  if (range.subtypeOpclass !== null) options.push(`SUBTYPE_OPCLASS = ${range.subtypeOpclass}`);
  if (range.collation !== null) options.push(`COLLATION = ${range.collation}`);
  if (range.canonical !== null) options.push(`CANONICAL = ${range.canonical}`);
  if (range.subtypeDiff !== null) options.push(`SUBTYPE_DIFF = ${range.subtypeDiff}`);
  if (multirange !== null && multirange !== defaultMultirangeName(name.name)) {
    options.push(`MULTIRANGE_TYPE_NAME = ${relationName(range.schema, multirange)}`);
  }
  return `CREATE TYPE ${relationName(name.schema, name.name)} AS RANGE (${options.join(", ")});`;
}
