/**
 * PostgreSQL types → TypeScript types, as the `pg` driver returns values with its default type
 * parsers (int8 and numeric as strings, timestamps and dates as Date, json parsed, bytea as Buffer).
 */

export interface TypeMapOptions {
  /** int8: `string` (default, exact), `number` (may lose precision above 2^53) or `bigint`. */
  readonly int8: "string" | "number" | "bigint";
  /** numeric/decimal/money: `string` (default, exact) or `number`. */
  readonly numeric: "string" | "number";
  /** date/timestamp/timestamptz: `Date` (pg's default parsers) or `string`. */
  readonly dates: "Date" | "string";
  /** json/jsonb without a @tstype hint: `unknown` (default) or `Json` (a recursive JSON value type). */
  readonly json: "unknown" | "Json";
}

export const DEFAULT_TYPE_MAP_OPTIONS: TypeMapOptions = {
  int8: "string",
  numeric: "string",
  dates: "Date",
  json: "unknown",
};

/** Built-in types by their internal name (pg_type.typname) and their format_type spellings. */
const BUILTIN: Readonly<Record<string, (o: TypeMapOptions) => string>> = {
  int2: () => "number",
  int4: () => "number",
  oid: () => "number",
  float4: () => "number",
  float8: () => "number",
  int8: (o) => o.int8,
  numeric: (o) => o.numeric,
  money: () => "string",
  bool: () => "boolean",
  text: () => "string",
  varchar: () => "string",
  bpchar: () => "string",
  char: () => "string",
  name: () => "string",
  citext: () => "string",
  uuid: () => "string",
  inet: () => "string",
  cidr: () => "string",
  macaddr: () => "string",
  macaddr8: () => "string",
  xml: () => "string",
  bit: () => "string",
  varbit: () => "string",
  tsvector: () => "string",
  tsquery: () => "string",
  ltree: () => "string",
  time: () => "string",
  timetz: () => "string",
  date: (o) => o.dates,
  timestamp: (o) => o.dates,
  timestamptz: (o) => o.dates,
  interval: () => "Interval",
  json: (o) => o.json,
  jsonb: (o) => o.json,
  bytea: () => "Buffer",
  point: () => "Point",
  hstore: () => "Record<string, string | null>",
};

/** format_type's SQL-standard spellings → internal names. */
const SQL_NAMES: Readonly<Record<string, string>> = {
  smallint: "int2",
  integer: "int4",
  bigint: "int8",
  real: "float4",
  "double precision": "float8",
  boolean: "bool",
  "character varying": "varchar",
  character: "bpchar",
  "bit varying": "varbit",
  "time without time zone": "time",
  "time with time zone": "timetz",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  decimal: "numeric",
  '"char"': "char",
};

/** Splits a format_type text into its element type name and array depth: `character varying(20)[]`. */
export function parseTypeText(text: string): {
  readonly schema: string | null;
  readonly name: string;
  readonly dims: number;
} {
  let rest = text.trim();
  let dims = 0;
  while (rest.endsWith("[]")) {
    rest = rest.slice(0, -2).trimEnd();
    dims += 1;
  }
  // drop a typmod: `numeric(10,2)`, `timestamp(3) with time zone`
  rest = rest
    .replace(/\(\s*\d+(\s*,\s*\d+)?\s*\)/, "")
    .replace(/\s+/g, " ")
    .trim();
  const qualified = /^("(?:[^"]|"")+"|[^".]+)\.("(?:[^"]|"")+"|[^"]+)$/.exec(rest);
  if (qualified && !SQL_NAMES[rest]) {
    return { schema: unquote(qualified[1]!), name: unquote(qualified[2]!), dims };
  }
  return { schema: null, name: SQL_NAMES[rest] ?? unquote(rest), dims };
}

function unquote(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part;
}

/** The TypeScript type of a built-in, or null when the type is not built in. */
export function builtinType(name: string, options: TypeMapOptions): string | null {
  const map = BUILTIN[name];
  return map ? map(options) : null;
}
