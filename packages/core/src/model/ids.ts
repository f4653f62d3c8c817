/**
 * Stable object ids: `<kind>:<names>`, such as `table:public.users`, `column:public.users.email`,
 * `function:public.f(a integer)`. Ids are made only here (`ids.*`) and read back only here
 * (`decodeId`): elsewhere objects carry their schema and name as fields.
 *
 * One encoding for every kind (`encodeId`): the names joined by `.`, a name written as it is unless
 * it could be misread — it holds `.`, `(` or `)`, starts with `"`, is empty, or is `*` — and then double-quoted
 * with `"` doubled, as SQL quotes an identifier (`table:"my.schema".users`). So `schema a.b, table
 * c` and `schema a, table b.c` get different ids, and an id made from ordinary names reads exactly
 * as it always did (saved plans' fingerprints hash ids, and keep their values). A routine's identity
 * arguments follow its names in parentheses, as PostgreSQL prints them.
 */
export interface DecodedId {
  readonly kind: string;
  /**
   * The raw names (unquoted): schema first, then table (for sub-objects), then the object's own;
   * null for a bare `*` (a default privilege's "every schema").
   */
  readonly names: readonly (string | null)[];
  /** A routine's or aggregate's identity arguments; null for every other kind. */
  readonly arguments: string | null;
}

/** The one way an id is written: see the module comment. */
export function encodeId(kind: string, names: readonly string[], args: string | null = null): string {
  const text = names.map(encodeName).join(".");
  return args === null ? `${kind}:${text}` : `${kind}:${text}(${args})`;
}

/**
 * The kind, names and arguments an id was made from; null when the text is not an id `encodeId`
 * wrote (an ordering-only id such as `default:column:…` decodes to its prefix and the id it wraps,
 * as one name).
 */
export function decodeId(id: string): DecodedId | null {
  const colon = id.indexOf(":");
  if (colon <= 0) return null;
  const kind = id.slice(0, colon);
  if (WRAPPING_KINDS.has(kind)) return { kind, names: [id.slice(colon + 1)], arguments: null };
  const names: (string | null)[] = [];
  let at = colon + 1;
  for (;;) {
    let name: string | null;
    if (id[at] === '"') {
      let end = at + 1;
      name = "";
      for (;;) {
        const close = id.indexOf('"', end);
        if (close === -1) return null;
        name += id.slice(end, close);
        if (id[close + 1] !== '"') {
          at = close + 1;
          break;
        }
        name += '"';
        end = close + 2;
      }
    } else {
      let end = at;
      while (end < id.length && !".()".includes(id[end] as string)) end++;
      name = id.slice(at, end);
      if (name === "*") name = null;
      at = end;
    }
    names.push(name);
    if (at === id.length) return { kind, names, arguments: null };
    if (id[at] === "(") {
      if (!id.endsWith(")")) return null;
      return { kind, names, arguments: id.slice(at + 1, -1) };
    }
    if (id[at] !== ".") return null;
    at++;
  }
}

/** Ordering-only ids that wrap another object's id whole (see `ids.columnDefault` and the like). */
const WRAPPING_KINDS: ReadonlySet<string> = new Set(["default", "column_type", "index_statistics"]);

function encodeName(name: string): string {
  const misread = name === "" || name === "*" || name.startsWith('"') || /[.()]/.test(name);
  return misread ? `"${name.replaceAll('"', '""')}"` : name;
}

export const ids = {
  schema: (name: string) => encodeId("schema", [name]),
  extension: (name: string) => encodeId("extension", [name]),
  collation: (schema: string, name: string) => encodeId("collation", [schema, name]),
  table: (schema: string, name: string) => encodeId("table", [schema, name]),
  column: (schema: string, table: string, column: string) => encodeId("column", [schema, table, column]),
  /**
   * A column's default, for ordering only (never an object of the state): what the default calls
   * is its dependency, apart from the column's own (its type, its table).
   */
  columnDefault: (columnId: string) => `default:${columnId}`,
  /**
   * A column's type, for ordering only: an `ALTER COLUMN … TYPE` creates it, and the column settings
   * the type change resets (storage, compression, statistics) are set again after it.
   */
  columnType: (columnId: string) => `column_type:${columnId}`,
  /**
   * A column's NOT NULL, for ordering only: SET NOT NULL creates it, and an identity added to the
   * column (which PostgreSQL refuses on a nullable column) requires it.
   */
  columnNotNull: (columnId: string) => `not_null:${columnId}`,
  /**
   * An index's statistics targets, for ordering only: ALTER INDEX … SET STATISTICS on a partitioned
   * index also sets its partitions' indexes, which are set on their own after it.
   */
  indexStatistics: (indexId: string) => `index_statistics:${indexId}`,
  constraint: (schema: string, table: string, name: string) => encodeId("constraint", [schema, table, name]),
  index: (schema: string, name: string) => encodeId("index", [schema, name]),
  view: (schema: string, name: string) => encodeId("view", [schema, name]),
  materializedView: (schema: string, name: string) => encodeId("materialized_view", [schema, name]),
  /** Functions and procedures, identified by name and identity arguments. */
  function: (schema: string, name: string, identityArguments: string) =>
    encodeId("function", [schema, name], identityArguments),
  aggregate: (schema: string, name: string, identityArguments: string) =>
    encodeId("aggregate", [schema, name], identityArguments),
  trigger: (schema: string, table: string, name: string) => encodeId("trigger", [schema, table, name]),
  eventTrigger: (name: string) => encodeId("event_trigger", [name]),
  sequence: (schema: string, name: string) => encodeId("sequence", [schema, name]),
  /** Enums, composite types, domains and range types share one namespace. */
  type: (schema: string, name: string) => encodeId("type", [schema, name]),
  policy: (schema: string, table: string, name: string) => encodeId("policy", [schema, table, name]),
  /** `CREATE STATISTICS` objects (their names are unique per schema, like relations). */
  statistics: (schema: string, name: string) => encodeId("statistics", [schema, name]),
  /** A role (cluster-wide, managed with `--manage-roles`): `role:app_reader`. */
  role: (name: string) => encodeId("role", [name]),
  /** `*` for the default privileges in every schema (a schema named `*` is quoted). */
  defaultPrivilege: (role: string, schema: string | null, objectType: string) =>
    `default_privilege:${[encodeName(role), schema === null ? "*" : encodeName(schema), objectType].join(".")}`,
} as const;

/** The kind prefix of an id (`table` for `table:public.users`). */
export function kindOfId(id: string): string {
  const colon = id.indexOf(":");
  return colon === -1 ? id : id.slice(0, colon);
}
