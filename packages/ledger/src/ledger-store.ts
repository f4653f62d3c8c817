import type pg from "pg";
import { migrationsTable, repeatableTable } from "./ledger-schema.js";

/** A row of `flux.flux_migrations`. */
export interface MigrationRecord {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
  readonly durationMs: number;
  readonly appliedBy: string;
  readonly tenantSchema: string;
}

/** A row of `flux.flux_repeatable_scripts`. */
export interface RepeatableRecord {
  readonly path: string;
  readonly checksum: string;
  readonly lastRun: Date;
  readonly durationMs: number;
  readonly runBy: string;
  readonly tenantSchema: string;
}

interface MigrationRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly applied_at: Date;
  readonly duration_ms: number;
  readonly applied_by: string;
  readonly tenant_schema: string;
}

interface RepeatableRow {
  readonly path: string;
  readonly checksum: string;
  readonly last_run: Date;
  readonly duration_ms: number;
  readonly run_by: string;
  readonly tenant_schema: string;
}

/** The tenant's applied migrations; empty when the ledger does not exist yet. */
export async function readMigrationRecords(
  client: pg.ClientBase,
  tenant: string,
): Promise<MigrationRecord[]> {
  if (!(await tableExists(client, migrationsTable))) return [];
  const { rows } = await client.query<MigrationRow>(
    `select version, name, checksum, applied_at, duration_ms, applied_by, tenant_schema
       from ${migrationsTable} where tenant_schema = $1 order by applied_at, version`,
    [tenant],
  );
  return rows.map((row) => ({
    version: row.version,
    name: row.name,
    checksum: row.checksum,
    appliedAt: row.applied_at,
    durationMs: row.duration_ms,
    appliedBy: row.applied_by,
    tenantSchema: row.tenant_schema,
  }));
}

export async function readRepeatableRecords(
  client: pg.ClientBase,
  tenant: string,
): Promise<RepeatableRecord[]> {
  if (!(await tableExists(client, repeatableTable))) return [];
  const { rows } = await client.query<RepeatableRow>(
    `select path, checksum, last_run, duration_ms, run_by, tenant_schema
       from ${repeatableTable} where tenant_schema = $1 order by path`,
    [tenant],
  );
  return rows.map((row) => ({
    path: row.path,
    checksum: row.checksum,
    lastRun: row.last_run,
    durationMs: row.duration_ms,
    runBy: row.run_by,
    tenantSchema: row.tenant_schema,
  }));
}

export async function recordMigration(
  client: pg.ClientBase,
  entry: { tenant: string; version: string; name: string; checksum: string; durationMs: number },
): Promise<void> {
  await client.query(
    `insert into ${migrationsTable} (tenant_schema, version, name, checksum, duration_ms) values ($1, $2, $3, $4, $5)`,
    [entry.tenant, entry.version, entry.name, entry.checksum, entry.durationMs],
  );
}

export async function recordRepeatable(
  client: pg.ClientBase,
  entry: { tenant: string; path: string; checksum: string; durationMs: number },
): Promise<void> {
  await client.query(
    `insert into ${repeatableTable} (tenant_schema, path, checksum, duration_ms) values ($1, $2, $3, $4)
     on conflict (tenant_schema, path) do update
       set checksum = excluded.checksum, last_run = now(), duration_ms = excluded.duration_ms, run_by = current_user`,
    [entry.tenant, entry.path, entry.checksum, entry.durationMs],
  );
}

export async function tableExists(client: pg.ClientBase, qualified: string): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>("select to_regclass($1) is not null as present", [
    qualified,
  ]);
  return rows[0]?.present ?? false;
}
