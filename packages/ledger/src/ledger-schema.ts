import { FLUX_BOOTSTRAP_LOCK_SQL, FLUX_SCHEMA, quoteIdent } from "@pg-flux/core";
import type pg from "pg";

/**
 * The ledger lives in the reserved schema `flux`, which API roles cannot see (no USAGE for PUBLIC):
 *
 * - `flux.flux_migrations`: one row per applied versioned migration, keyed by
 *   `(tenant_schema, version)`. `tenant_schema` is NOT NULL: pooled (`v2_shared`) tenants store their
 *   schema name, single-tenant (`v1`) targets store `''`. A NULL `tenant_schema` (or no such column)
 *   only occurs in a legacy global ledger, which `upgradeLedger` converts.
 * - `flux.flux_repeatable_scripts`: the last checksum run per `(tenant_schema, path)`.
 * - `flux.flux_partial_migrations`: versioned `no-transaction` files that stopped part-way, per
 *   `(tenant_schema, version)`: how many leading statements ran and stay (and a digest of their
 *   text), so that the next push resumes after them (partial-progress.ts). The row goes when the
 *   file is recorded in `flux_migrations`, in the same transaction.
 */
export const MIGRATIONS_TABLE = "flux_migrations";
export const REPEATABLE_TABLE = "flux_repeatable_scripts";
export const PARTIAL_TABLE = "flux_partial_migrations";

export const migrationsTable = `${quoteIdent(FLUX_SCHEMA)}.${quoteIdent(MIGRATIONS_TABLE)}`;
export const repeatableTable = `${quoteIdent(FLUX_SCHEMA)}.${quoteIdent(REPEATABLE_TABLE)}`;
export const partialTable = `${quoteIdent(FLUX_SCHEMA)}.${quoteIdent(PARTIAL_TABLE)}`;

/** The tenant key of the ledger for a target: its tenant schema, or '' for a single-tenant database. */
export function ledgerTenant(tenantSchema: string | undefined): string {
  return tenantSchema ?? "";
}

const CREATE_LEDGER_SQL = [
  FLUX_BOOTSTRAP_LOCK_SQL,
  `create schema if not exists ${quoteIdent(FLUX_SCHEMA)}`,
  `revoke all on schema ${quoteIdent(FLUX_SCHEMA)} from public`,
  `create table if not exists ${migrationsTable} (
  version text not null,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null default now(),
  duration_ms integer not null,
  applied_by text not null default current_user,
  tenant_schema text not null default '',
  primary key (tenant_schema, version)
)`,
  `create table if not exists ${repeatableTable} (
  path text not null,
  checksum text not null,
  last_run timestamptz not null default now(),
  duration_ms integer not null,
  run_by text not null default current_user,
  tenant_schema text not null default '',
  primary key (tenant_schema, path)
)`,
  `create table if not exists ${partialTable} (
  version text not null,
  name text not null,
  checksum text not null,
  statements_total integer not null,
  statements_done integer not null,
  done_digest text not null,
  attempted integer,
  error text,
  updated_at timestamptz not null default now(),
  updated_by text not null default current_user,
  tenant_schema text not null default '',
  primary key (tenant_schema, version)
)`,
  `revoke all on all tables in schema ${quoteIdent(FLUX_SCHEMA)} from public`,
].join(";\n");

/** What is found where the ledger should be. */
export type LedgerShape =
  | { readonly kind: "missing" }
  | { readonly kind: "current" }
  | {
      readonly kind: "legacy";
      /** Rows of flux_migrations without a tenant schema. */
      readonly legacyRows: number;
      readonly reason: string;
    };

interface ColumnRow {
  readonly table_name: string;
  readonly column_name: string;
  readonly not_null: boolean;
}

/** Reads the ledger's shape from the catalog; never writes. */
export async function inspectLedger(client: pg.ClientBase): Promise<LedgerShape> {
  const { rows } = await client.query<ColumnRow>(
    `select c.relname as table_name, a.attname as column_name, a.attnotnull as not_null
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = $1 and c.relname = any($2::text[])`,
    [FLUX_SCHEMA, [MIGRATIONS_TABLE, REPEATABLE_TABLE]],
  );
  const migrations = rows.filter((row) => row.table_name === MIGRATIONS_TABLE);
  const repeatable = rows.filter((row) => row.table_name === REPEATABLE_TABLE);
  if (migrations.length === 0 && repeatable.length === 0) return { kind: "missing" };
  const reasons = [
    ...legacyReasons(MIGRATIONS_TABLE, migrations, [
      "version",
      "name",
      "checksum",
      "applied_at",
      "duration_ms",
      "applied_by",
    ]),
    ...legacyReasons(REPEATABLE_TABLE, repeatable, ["path", "checksum", "last_run", "duration_ms", "run_by"]),
  ];
  if (migrations.length > 0) {
    const key = await primaryKeyColumns(client, migrationsTable);
    if (key !== "tenant_schema,version") {
      reasons.push(
        `${FLUX_SCHEMA}.${MIGRATIONS_TABLE} is keyed by (${key || "nothing"}), not (tenant_schema, version)`,
      );
    }
  }
  if (reasons.length === 0) return { kind: "current" };
  const hasTenantColumn = migrations.some((row) => row.column_name === "tenant_schema");
  const count =
    migrations.length === 0
      ? 0
      : Number(
          (
            await client.query<{ n: string }>(
              `select count(*) as n from ${migrationsTable}${hasTenantColumn ? " where tenant_schema is null" : ""}`,
            )
          ).rows[0]?.n ?? 0,
        );
  return { kind: "legacy", legacyRows: count, reason: reasons.join("; ") };
}

function legacyReasons(table: string, columns: readonly ColumnRow[], required: readonly string[]): string[] {
  if (columns.length === 0) return [];
  const names = new Set(columns.map((column) => column.column_name));
  const tenant = columns.find((column) => column.column_name === "tenant_schema");
  const reasons: string[] = [];
  if (!tenant) reasons.push(`${FLUX_SCHEMA}.${table} has no tenant_schema column`);
  else if (!tenant.not_null) reasons.push(`${FLUX_SCHEMA}.${table}.tenant_schema allows NULL`);
  const missing = required.filter((name) => !names.has(name));
  if (missing.length > 0) reasons.push(`${FLUX_SCHEMA}.${table} lacks ${missing.join(", ")}`);
  return reasons;
}

/**
 * Creates the ledger schema and tables when missing. One multi-statement query: it runs as a single
 * transaction of its own, or inside the caller's. The bootstrap advisory lock makes concurrent first
 * pushes safe (`create schema if not exists` alone can race on the catalog's unique index).
 */
export async function ensureLedger(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ ready: boolean }>(
    `select to_regclass($1) is not null and to_regclass($2) is not null and to_regclass($3) is not null as ready`,
    [migrationsTable, repeatableTable, partialTable],
  );
  if (rows[0]?.ready) return;
  await client.query(CREATE_LEDGER_SQL);
}

/** The primary key's columns of a table, comma-separated in key order ('' without one). */
export async function primaryKeyColumns(client: pg.ClientBase, qualified: string): Promise<string> {
  const { rows } = await client.query<{ columns: string | null }>(
    `select string_agg(a.attname, ',' order by k.n) as columns
       from pg_constraint c
       cross join lateral unnest(c.conkey) with ordinality k(attnum, n)
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.conrelid = to_regclass($1) and c.contype = 'p'`,
    [qualified],
  );
  return rows[0]?.columns ?? "";
}
