import { emptyState, plan as planStates, renderSql, type SchemaState } from "@pg-flux/core";
import { inspect, readOptions } from "@pg-flux/inspector";

export interface DumpOptions {
  readonly schemas?: readonly string[] | null;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
}

export interface SchemaDump {
  readonly sql: string;
  readonly state: SchemaState;
}

/**
 * Canonical, deterministic schema SQL of a live database: the plan from an empty database to it,
 * rendered. Same schema, same text — so a committed dump diffs cleanly in review.
 */
export async function dumpSchema(databaseUrl: string, options: DumpOptions = {}): Promise<SchemaDump> {
  const schemas = options.schemas ?? null;
  const state = await inspect(databaseUrl, readOptions(schemas, options.readLockTimeout));
  return { sql: renderDump(state, schemas), state };
}

/** The dump text of a state (pure). */
export function renderDump(state: SchemaState, schemas: readonly string[] | null = null): string {
  const created = planStates(emptyState(state.server, schemas), state, {
    schemas,
    options: { verify: false },
  });
  const body = renderSql({ ...created, warnings: [] }, { header: false });
  return `-- Schema dumped by pg-flux (PostgreSQL ${state.server.major}).\n${body}`;
}
