/**
 * The one module that turns names and values into SQL text. Object names are data: every
 * identifier in generated SQL goes through `quoteIdent`, every literal through `quoteLiteral`.
 */

/** Keywords PostgreSQL reserves in some position; an identifier spelled like one is quoted. */
const RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate " +
    "collation column concurrently constraint create cross current_catalog current_date current_role " +
    "current_schema current_time current_timestamp current_user default deferrable desc distinct do else end " +
    "except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into " +
    "is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on " +
    "only or order outer overlaps placing primary references returning right select session_user similar some " +
    "symmetric system_user table tablesample then to trailing true union unique user using variadic verbose " +
    "when where window with between bigint bit boolean char character coalesce dec decimal exists extract float " +
    "greatest grouping inout int integer interval least national nchar none normalize nullif numeric out " +
    "overlay position precision real row setof smallint substring time timestamp treat trim values varchar " +
    "xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize " +
    "xmltable json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar " +
    "json_serialize json_table json_value merge_action"
  ).split(" "),
);

/** Quotes an identifier only when PostgreSQL needs it, so generated SQL reads like hand-written SQL. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal; uses the E'' form only when the value holds a backslash. */
export function quoteLiteral(value: string): string {
  const escaped = value.replaceAll("'", "''");
  return value.includes("\\") ? `E'${escaped.replaceAll("\\", "\\\\")}'` : `'${escaped}'`;
}

/** `NULL` or a quoted literal. */
export function quoteNullableLiteral(value: string | null): string {
  return value === null ? "NULL" : quoteLiteral(value);
}
