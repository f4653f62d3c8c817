import { FLUX_BOOTSTRAP_LOCK_SQL, FLUX_SCHEMA, quoteIdent } from "@pg-flux/core";
import { withConnection } from "@pg-flux/inspector";
import type pg from "pg";

/** Where a fleet apply records each target's outcome, in every database of the fleet. */
export const FLEET_OUTCOMES_TABLE = `${quoteIdent(FLUX_SCHEMA)}.fleet_outcomes`;

/** The outcome table, created under the lock the push ledger takes to create the `flux` schema. */
const CREATE_SQL = [
  FLUX_BOOTSTRAP_LOCK_SQL,
  `create schema if not exists ${quoteIdent(FLUX_SCHEMA)}`,
  `revoke all on schema ${quoteIdent(FLUX_SCHEMA)} from public`,
  `create table if not exists ${FLEET_OUTCOMES_TABLE} (
  target text not null,
  desired_fingerprint text not null,
  run_id text not null,
  status text not null,
  error text,
  steps_applied integer not null default 0,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  run_by text not null default current_user,
  primary key (target, desired_fingerprint, run_id)
)`,
];

/** One target's outcome as recorded (`target` is the tenant schema). */
export interface OutcomeRecord {
  readonly target: string;
  readonly desiredFingerprint: string;
  readonly runId: string;
  readonly status: string;
  readonly error: string | null;
  readonly stepsApplied: number;
  readonly startedAt: Date;
}

/** Creates the outcome table when missing (once per database and run). */
export async function ensureOutcomeTable(url: string): Promise<void> {
  await withConnection(url, "apply", async (client) => {
    await client.query("begin");
    try {
      for (const sql of CREATE_SQL) await client.query(sql);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    }
  });
}

/** Records outcomes of targets of one database in one statement. */
export async function recordOutcomes(
  client: pg.ClientBase,
  records: readonly OutcomeRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await client.query(
    `insert into ${FLEET_OUTCOMES_TABLE}
       (target, desired_fingerprint, run_id, status, error, steps_applied, started_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[])
     on conflict (target, desired_fingerprint, run_id) do update
       set status = excluded.status, error = excluded.error, steps_applied = excluded.steps_applied,
           finished_at = now()`,
    [
      records.map((r) => r.target),
      records.map((r) => r.desiredFingerprint),
      records.map((r) => r.runId),
      records.map((r) => r.status),
      records.map((r) => r.error),
      records.map((r) => r.stepsApplied),
      records.map((r) => r.startedAt.toISOString()),
    ],
  );
}
