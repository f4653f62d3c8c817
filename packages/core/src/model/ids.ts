/**
 * Stable object ids: `<kind>:<qualified name>`. Ids are made only here and never parsed: objects
 * carry their schema and name as fields. Names are raw; a name holding `.` stays unambiguous in
 * practice because every id is built from the same parts on both sides of a diff.
 */
export const ids = {
  schema: (name: string) => `schema:${name}`,
  extension: (name: string) => `extension:${name}`,
  collation: (schema: string, name: string) => `collation:${schema}.${name}`,
  table: (schema: string, name: string) => `table:${schema}.${name}`,
  column: (schema: string, table: string, column: string) => `column:${schema}.${table}.${column}`,
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
   * An index's statistics targets, for ordering only: ALTER INDEX … SET STATISTICS on a partitioned
   * index also sets its partitions' indexes, which are set on their own after it.
   */
  indexStatistics: (indexId: string) => `index_statistics:${indexId}`,
  constraint: (schema: string, table: string, name: string) => `constraint:${schema}.${table}.${name}`,
  index: (schema: string, name: string) => `index:${schema}.${name}`,
  view: (schema: string, name: string) => `view:${schema}.${name}`,
  materializedView: (schema: string, name: string) => `materialized_view:${schema}.${name}`,
  /** Functions and procedures, identified by name and identity arguments. */
  function: (schema: string, name: string, identityArguments: string) =>
    `function:${schema}.${name}(${identityArguments})`,
  aggregate: (schema: string, name: string, identityArguments: string) =>
    `aggregate:${schema}.${name}(${identityArguments})`,
  trigger: (schema: string, table: string, name: string) => `trigger:${schema}.${table}.${name}`,
  eventTrigger: (name: string) => `event_trigger:${name}`,
  sequence: (schema: string, name: string) => `sequence:${schema}.${name}`,
  /** Enums, composite types, domains and range types share one namespace. */
  type: (schema: string, name: string) => `type:${schema}.${name}`,
  policy: (schema: string, table: string, name: string) => `policy:${schema}.${table}.${name}`,
  /** `CREATE STATISTICS` objects (their names are unique per schema, like relations). */
  statistics: (schema: string, name: string) => `statistics:${schema}.${name}`,
  defaultPrivilege: (role: string, schema: string | null, objectType: string) =>
    `default_privilege:${role}.${schema ?? "*"}.${objectType}`,
} as const;

/** The kind prefix of an id (`table` for `table:public.users`). */
export function kindOfId(id: string): string {
  const colon = id.indexOf(":");
  return colon === -1 ? id : id.slice(0, colon);
}
