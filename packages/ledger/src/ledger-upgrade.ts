import { FLUX_BOOTSTRAP_LOCK_SQL, FLUX_SCHEMA, quoteIdent } from "@pg-flux/core";
import type pg from "pg";
import { acquireLedgerLock, releaseLedgerLock } from "./advisory-lock.js";
import { withConnection } from "./connection.js";
import {
  inspectLedger,
  MIGRATIONS_TABLE,
  migrationsTable,
  primaryKeyColumns,
  REPEATABLE_TABLE,
  repeatableTable,
} from "./ledger-schema.js";

export interface LedgerUpgradeOptions {
  readonly url: string;
  /** The tenant schema legacy rows (those without a tenant schema) belong to. */
  readonly assignLegacyTo: string;
}

/** A version recorded both by the legacy ledger and by the tenant, with different checksums. */
export interface UpgradeConflict {
  readonly version: string;
  readonly legacyChecksum: string;
  readonly tenantChecksum: string;
}

export type LedgerUpgradeResult =
  | {
      readonly status: "applied";
      readonly tenantSchema: string;
      /** Legacy rows now recorded for the tenant. */
      readonly assigned: number;
      /** Legacy rows dropped because the tenant already recorded the same version and checksum. */
      readonly merged: number;
      readonly message: string;
    }
  | { readonly status: "nothing_to_do"; readonly message: string }
  | {
      readonly status: "refused";
      readonly message: string;
      readonly hint: string;
      readonly conflicts: readonly UpgradeConflict[];
    };

/**
 * Upgrades a legacy global ledger (rows without `tenant_schema`) to the pooled shape keyed by
 * `(tenant_schema, version)`, assigning every legacy row to one tenant. One transaction under the
 * bootstrap and tenant locks: it either completes or changes nothing. Idempotent: a current ledger
 * is `nothing_to_do`. Refuses, changing nothing, when the tenant schema does not exist or when the
 * tenant already recorded one of the legacy versions with a different checksum (which file ran is
 * then ambiguous).
 */
export async function upgradeLedger(options: LedgerUpgradeOptions): Promise<LedgerUpgradeResult> {
  const tenant = options.assignLegacyTo;
  return withConnection(options.url, async (client) => {
    await acquireLedgerLock(client, tenant);
    await client.query("begin");
    try {
      await client.query(FLUX_BOOTSTRAP_LOCK_SQL);
      const result = await upgradeInTransaction(client, tenant);
      await client.query(result.status === "applied" ? "commit" : "rollback");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      await releaseLedgerLock(client, tenant).catch(() => undefined);
    }
  });
}

async function upgradeInTransaction(client: pg.ClientBase, tenant: string): Promise<LedgerUpgradeResult> {
  const shape = await inspectLedger(client);
  if (shape.kind === "missing") return { status: "nothing_to_do", message: "no ledger in this database yet" };
  if (shape.kind === "current") {
    return { status: "nothing_to_do", message: "the ledger is already keyed by (tenant_schema, version)" };
  }
  const schema = await client.query("select 1 from pg_namespace where nspname = $1", [tenant]);
  if (schema.rowCount === 0) {
    return {
      status: "refused",
      message: `tenant schema ${tenant} does not exist in this database; nothing was changed`,
      hint: "pass the tenant's schema as the platform names it (t_<shortId>_api)",
      conflicts: [],
    };
  }
  const columns = await tableColumns(client, MIGRATIONS_TABLE);
  let assigned = 0;
  let merged = 0;
  if (columns.size > 0) {
    if (!columns.has("version") || !columns.has("checksum")) {
      return {
        status: "refused",
        message: `${FLUX_SCHEMA}.${MIGRATIONS_TABLE} has no version or checksum column; it is not a pg-flux ledger`,
        hint: "rename the table out of the way, then push again to create a new ledger",
        conflicts: [],
      };
    }
    await client.query(
      `alter table ${migrationsTable}
         add column if not exists tenant_schema text,
         add column if not exists name text not null default '',
         add column if not exists applied_at timestamptz not null default now(),
         add column if not exists duration_ms integer not null default 0,
         add column if not exists applied_by text not null default current_user`,
    );
    const conflicts = await client.query<{ version: string; legacy: string; current: string }>(
      `select l.version, l.checksum as legacy, t.checksum as current
         from ${migrationsTable} l join ${migrationsTable} t on t.version = l.version and t.tenant_schema = $1
        where l.tenant_schema is null and l.checksum is distinct from t.checksum
        order by l.version`,
      [tenant],
    );
    if (conflicts.rows.length > 0) {
      return {
        status: "refused",
        message: `cannot assign the legacy ledger to ${tenant}: ${conflicts.rows.length} version(s) are recorded both without a tenant and for ${tenant}, with different checksums (${conflicts.rows.map((row) => row.version).join(", ")}); nothing was changed`,
        hint: "find out which file really ran for that tenant, delete the wrong row from flux.flux_migrations, then run the upgrade again",
        conflicts: conflicts.rows.map((row) => ({
          version: row.version,
          legacyChecksum: row.legacy,
          tenantChecksum: row.current,
        })),
      };
    }
    merged =
      (
        await client.query(
          `delete from ${migrationsTable} l using ${migrationsTable} t
            where l.tenant_schema is null and t.tenant_schema = $1 and t.version = l.version`,
          [tenant],
        )
      ).rowCount ?? 0;
    assigned =
      (
        await client.query(`update ${migrationsTable} set tenant_schema = $1 where tenant_schema is null`, [
          tenant,
        ])
      ).rowCount ?? 0;
    await client.query(
      `update ${migrationsTable} set name = coalesce(name, ''), applied_at = coalesce(applied_at, now()),
              duration_ms = coalesce(duration_ms, 0), applied_by = coalesce(applied_by, current_user)
        where name is null or applied_at is null or duration_ms is null or applied_by is null`,
    );
    await client.query(
      `alter table ${migrationsTable}
         alter column tenant_schema set default '', alter column tenant_schema set not null,
         alter column name set not null, alter column checksum set not null, alter column applied_at set not null,
         alter column duration_ms set not null, alter column applied_by set not null`,
    );
    await replacePrimaryKey(client, MIGRATIONS_TABLE, migrationsTable, ["tenant_schema", "version"]);
  }
  if ((await tableColumns(client, REPEATABLE_TABLE)).size > 0) {
    await client.query(
      `alter table ${repeatableTable}
         add column if not exists tenant_schema text,
         add column if not exists last_run timestamptz not null default now(),
         add column if not exists duration_ms integer not null default 0,
         add column if not exists run_by text not null default current_user`,
    );
    // A repeatable script re-runs when its checksum changes, so a tenant's own row simply wins.
    await client.query(
      `delete from ${repeatableTable} l using ${repeatableTable} t
        where l.tenant_schema is null and t.tenant_schema = $1 and t.path = l.path`,
      [tenant],
    );
    await client.query(`update ${repeatableTable} set tenant_schema = $1 where tenant_schema is null`, [
      tenant,
    ]);
    await client.query(
      `alter table ${repeatableTable} alter column tenant_schema set default '', alter column tenant_schema set not null`,
    );
    await replacePrimaryKey(client, REPEATABLE_TABLE, repeatableTable, ["tenant_schema", "path"]);
  }
  await client.query(`revoke all on schema ${quoteIdent(FLUX_SCHEMA)} from public`);
  return {
    status: "applied",
    tenantSchema: tenant,
    assigned,
    merged,
    message: `assigned ${assigned} legacy row(s) to ${tenant}${merged ? `, merged ${merged} duplicate(s)` : ""}; the ledger is now keyed by (tenant_schema, version)`,
  };
}

async function tableColumns(client: pg.ClientBase, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
      where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped`,
    [`${quoteIdent(FLUX_SCHEMA)}.${quoteIdent(table)}`],
  );
  return new Set(rows.map((row) => row.name));
}

async function replacePrimaryKey(
  client: pg.ClientBase,
  table: string,
  qualified: string,
  columns: readonly string[],
): Promise<void> {
  const regclass = `${quoteIdent(FLUX_SCHEMA)}.${quoteIdent(table)}`;
  if ((await primaryKeyColumns(client, regclass)) === columns.join(",")) return;
  const { rows } = await client.query<{ name: string }>(
    "select conname as name from pg_constraint where conrelid = to_regclass($1) and contype = 'p'",
    [regclass],
  );
  const current = rows[0];
  if (current) await client.query(`alter table ${qualified} drop constraint ${quoteIdent(current.name)}`);
  await client.query(`alter table ${qualified} add primary key (${columns.map(quoteIdent).join(", ")})`);
}
