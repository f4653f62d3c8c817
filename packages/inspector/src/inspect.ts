import {
  type Collection,
  emptyState,
  type OutsideDependent,
  PgFluxError,
  quoteLiteral,
  type SchemaState,
  type UnmanagedObject,
} from "@pg-flux/core";
import type pg from "pg";
import { type Capabilities, capabilitiesFor, MINIMUM_SERVER_VERSION_NUM } from "./capabilities.js";
import { connect } from "./connect.js";
import { DEFAULT_READ_LOCK_TIMEOUT, LOCK_NOT_AVAILABLE, lockWaitError } from "./lock-wait.js";
import { type AggregateRow, aggregatesQuery } from "./queries/aggregates.sql.js";
import { type CollationRow, collationsQuery } from "./queries/collations.sql.js";
import { type ColumnRow, columnsQuery } from "./queries/columns.sql.js";
import { type ConstraintRow, constraintsQuery } from "./queries/constraints.sql.js";
import { type DefaultPrivilegeRow, defaultPrivilegesQuery } from "./queries/default-privileges.sql.js";
import { type DependencyRow, dependenciesQuery } from "./queries/dependencies.sql.js";
import { type EventTriggerRow, eventTriggersQuery } from "./queries/event-triggers.sql.js";
import { type ExtensionRow, extensionsQuery } from "./queries/extensions.sql.js";
import { type FunctionRow, functionsQuery } from "./queries/functions.sql.js";
import { type IndexRow, indexesQuery } from "./queries/indexes.sql.js";
import { KIND_QUERIES, type KindRow } from "./queries/kinds.js";
import { type OutsideRow, outsideQuery } from "./queries/outside.sql.js";
import { type PolicyRow, policiesQuery } from "./queries/policies.sql.js";
import { type SchemaRow, schemasQuery } from "./queries/schemas.sql.js";
import { type SequenceRow, sequencesQuery } from "./queries/sequences.sql.js";
import { SERVER_VERSION_QUERY, type ServerVersionRow } from "./queries/server.sql.js";
import { type StatisticsRow, statisticsQuery } from "./queries/statistics.sql.js";
import { type TableRow, tablesQuery } from "./queries/tables.sql.js";
import { type TriggerRow, triggersQuery } from "./queries/triggers.sql.js";
import { type TypeRow, typesQuery } from "./queries/types.sql.js";
import { type UnmanagedRow, unmanagedQuery } from "./queries/unmanaged.sql.js";
import { type ViewRow, viewsQuery } from "./queries/views.sql.js";
import { loadBodyParser } from "./read/body-calls.js";
import { needsBodyParser } from "./read/functions.js";
import { splitBySchema } from "./read/split.js";
import { readState } from "./read/state.js";
import { CatalogSession } from "./session.js";

export interface InspectOptions {
  /** Only these schemas are read; objects elsewhere are invisible (references to them are kept). */
  readonly schemas?: readonly string[];
  /**
   * How long a catalog read waits for a lock (a PostgreSQL duration: `5s`, `500ms`, `0` for no
   * limit; default DEFAULT_READ_LOCK_TIMEOUT). When it expires, the error names the sessions that
   * hold the lock instead of waiting silently behind them.
   */
  readonly readLockTimeout?: string;
}

/** InspectOptions from what callers hold: a schema filter (null: every schema) and the read lock timeout. */
export function readOptions(
  schemas: readonly string[] | null | undefined,
  readLockTimeout?: string | undefined,
): InspectOptions {
  return { ...(schemas ? { schemas } : {}), ...(readLockTimeout ? { readLockTimeout } : {}) };
}

export interface InspectResult {
  readonly state: SchemaState;
  /** Live objects of kinds pg-flux does not model: listed so plans can say they leave them alone. */
  readonly unmanaged: readonly UnmanagedObject[];
  /** Objects outside the `schemas` filter that use objects of the state: a plan must not break them. */
  readonly outside: readonly OutsideDependent[];
  /** Statements sent to the server: always `INSPECTOR_QUERY_COUNT`. */
  readonly queries: number;
  readonly ms: number;
}

/** Every catalog query, one per kind of row; none runs per object. */
export const CATALOG_QUERIES = {
  schemas: schemasQuery,
  extensions: extensionsQuery,
  collations: collationsQuery,
  types: typesQuery,
  sequences: sequencesQuery,
  tables: tablesQuery,
  columns: columnsQuery,
  constraints: constraintsQuery,
  indexes: indexesQuery,
  views: viewsQuery,
  functions: functionsQuery,
  aggregates: aggregatesQuery,
  triggers: triggersQuery,
  eventTriggers: eventTriggersQuery,
  policies: policiesQuery,
  statistics: statisticsQuery,
  defaultPrivileges: defaultPrivilegesQuery,
  dependencies: dependenciesQuery,
  unmanaged: unmanagedQuery,
  outside: outsideQuery,
} as const satisfies Record<string, (caps: Capabilities) => string>;

/**
 * BEGIN, SET LOCAL search_path, SET LOCAL lock_timeout, the server version, the catalog queries,
 * the definition kinds' queries (queries/kinds.ts), COMMIT.
 */
export const INSPECTOR_QUERY_COUNT =
  4 + Object.keys(CATALOG_QUERIES).length + Object.keys(KIND_QUERIES).length + 1;

/** Reads the database's schema into a SchemaState. See `inspectWithStats`. */
export async function inspect(
  connection: string | pg.ClientBase,
  options: InspectOptions = {},
): Promise<SchemaState> {
  return (await inspectWithStats(connection, options)).state;
}

/**
 * Reads the catalog with a fixed number of queries in one REPEATABLE READ, READ ONLY transaction
 * (one consistent snapshot) with an empty search_path, so that every name the server deparses
 * comes back schema-qualified. Given a URL it opens and closes its own connection; given a client
 * it uses it and leaves it open. That client must not be inside a transaction already.
 */
export async function inspectWithStats(
  connection: string | pg.ClientBase,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const schemas = options.schemas === undefined ? null : [...options.schemas];
  const readLockTimeout = checkedDuration(options.readLockTimeout ?? DEFAULT_READ_LOCK_TIMEOUT);
  if (typeof connection !== "string") return inspectOn(connection, schemas, readLockTimeout);
  const client = await connect(connection, "inspect");
  try {
    return await inspectOn(client, schemas, readLockTimeout);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Reads several schemas in one inspection and returns each one's state, equal to what
 * `inspect(connection, { schemas: [schema] })` reads (read/split.ts): a fleet's tenant schemas of
 * one database are one catalog read, whatever their number. Same options and errors as `inspect`.
 */
export async function inspectEach(
  connection: string | pg.ClientBase,
  schemas: readonly string[],
  options: Omit<InspectOptions, "schemas"> = {},
): Promise<ReadonlyMap<string, SchemaState>> {
  const { state } = await inspectWithStats(connection, { ...options, schemas });
  const caps = capabilitiesFor(state.server.serverVersionNum);
  return splitBySchema(state, schemas, (collection) => !queryOf(collection, caps).includes("$1"));
}

/** The catalog query a collection is read by (its `$1`, when it has one, is the schema filter). */
function queryOf(collection: Collection, caps: Capabilities): string {
  if (collection in KIND_QUERIES) return KIND_QUERIES[collection as keyof typeof KIND_QUERIES].query(caps);
  if (collection === "materializedViews") return CATALOG_QUERIES.views(caps);
  const query = CATALOG_QUERIES[collection as keyof typeof CATALOG_QUERIES] as
    | ((caps: Capabilities) => string)
    | undefined;
  if (!query) throw new Error(`inspector: no catalog query reads the collection ${collection}`);
  return query(caps);
}

async function inspectOn(
  client: pg.ClientBase,
  schemas: string[] | null,
  readLockTimeout: string,
): Promise<InspectResult> {
  const started = performance.now();
  const session = new CatalogSession(client, schemas);
  await session.exec("begin isolation level repeatable read read only");
  try {
    await session.exec("set local search_path = ''");
    await session.exec(`set local lock_timeout = ${quoteLiteral(readLockTimeout)}`);
    const [version] = await session.rows<ServerVersionRow>(SERVER_VERSION_QUERY);
    const serverVersionNum = Number(version?.version);
    if (!(serverVersionNum >= MINIMUM_SERVER_VERSION_NUM)) {
      throw new PgFluxError(`PostgreSQL ${serverVersionNum} is not supported`, {
        code: "runtime",
        hint: "pg-flux reads PostgreSQL 14 and later",
      });
    }
    const caps = capabilitiesFor(serverVersionNum);
    const q = CATALOG_QUERIES;
    const rows = {
      schemas: await session.rows<SchemaRow>(q.schemas(caps)),
      extensions: await session.rows<ExtensionRow>(q.extensions(caps)),
      collations: await session.rows<CollationRow>(q.collations(caps)),
      types: await session.rows<TypeRow>(q.types(caps)),
      sequences: await session.rows<SequenceRow>(q.sequences(caps)),
      tables: await session.rows<TableRow>(q.tables(caps)),
      columns: await session.rows<ColumnRow>(q.columns(caps)),
      constraints: await session.rows<ConstraintRow>(q.constraints(caps)),
      indexes: await session.rows<IndexRow>(q.indexes(caps)),
      views: await session.rows<ViewRow>(q.views(caps)),
      functions: await session.rows<FunctionRow>(q.functions(caps)),
      aggregates: await session.rows<AggregateRow>(q.aggregates(caps)),
      triggers: await session.rows<TriggerRow>(q.triggers(caps)),
      eventTriggers: await session.rows<EventTriggerRow>(q.eventTriggers(caps)),
      policies: await session.rows<PolicyRow>(q.policies(caps)),
      statistics: await session.rows<StatisticsRow>(q.statistics(caps)),
      defaultPrivileges: await session.rows<DefaultPrivilegeRow>(q.defaultPrivileges(caps)),
      dependencies: await session.rows<DependencyRow>(q.dependencies(caps)),
      unmanaged: await session.rows<UnmanagedRow>(q.unmanaged(caps)),
      outside: await session.rows<OutsideRow>(q.outside(caps)),
    } satisfies Record<keyof typeof CATALOG_QUERIES, readonly unknown[]>;
    const kinds: Record<string, readonly KindRow[]> = {};
    for (const [collection, kind] of Object.entries<{ query: (caps: Capabilities) => string }>(KIND_QUERIES))
      kinds[collection] = await session.rows<KindRow>(kind.query(caps));
    await session.exec("commit");
    const server = {
      serverVersionNum,
      major: caps.major,
      compressionMethods: version?.compressionMethods ?? ["pglz"],
      ...(version?.currentUser ? { currentUser: version.currentUser } : {}),
    };
    if (needsBodyParser(rows.functions, rows.aggregates)) await loadBodyParser();
    const { state, unmanaged, outside } = readState(emptyState(server, schemas), { ...rows, kinds });
    return { state, unmanaged, outside, queries: session.queries, ms: performance.now() - started };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    if (error instanceof PgFluxError && error.sqlState === LOCK_NOT_AVAILABLE)
      throw await lockWaitError(client, schemas, readLockTimeout, error);
    throw error;
  }
}

/** A PostgreSQL duration as the flags take it: a number, then ms, s, min or h. */
function checkedDuration(value: string): string {
  if (!/^\d+(?:ms|s|min|h)?$/.test(value)) {
    throw new PgFluxError(`invalid read lock timeout "${value}"`, {
      code: "invalid_input",
      hint: "write a number of milliseconds or a number with ms, s, min or h (e.g. 5s, 500ms, 0 for none)",
    });
  }
  return value;
}
