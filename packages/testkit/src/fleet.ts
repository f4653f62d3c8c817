/**
 * Shared by the fleet tests (engine/test/fleet, engine/test/faults/fleet.test.ts,
 * cli/test/fleet.test.ts): a database of tenant schemas (`fleet_<name>_api`) holding the same
 * tables, a fleet plan of them, and what a test checks after a fleet ran.
 */
import {
  type FleetPlan,
  planFleet,
  resolveFleetTargets,
  type ScratchHost,
  singleDatabase,
} from "@pg-flux/engine";
import type { TestDatabase } from "./database.js";

/** What every tenant holds before the change. */
export const TENANT_V1 = `
create table items (id bigint primary key, qty int not null default 0, title text not null);
create view item_titles as select id, title from items;
`;

/** The change: a CHECK (added NOT VALID, then VALIDATE, which rows with qty < 0 fail) and an index. */
export const TENANT_V2 = `${TENANT_V1}
alter table items add constraint items_qty_check check (qty >= 0);
create index items_title on items (title);
`;

/** The LIKE pattern of every tenant `createTenants` makes. */
export const PATTERN = "fleet_%_api";

/**
 * Creates `fleet_<name>_api` for each name with TENANT_V1 and two rows (ids 1 and 2, qty >= 0);
 * returns the schema names.
 */
export async function createTenants(db: TestDatabase, names: readonly string[]): Promise<string[]> {
  const schemas = names.map((name) => `fleet_${name}_api`);
  for (const schema of schemas) {
    // schema names are test constants of [a-z_], never input
    await db.query(
      `create schema ${schema}; set search_path to ${schema}; ${TENANT_V1};
       insert into items (id, qty, title) values (1, 1, 'one'), (2, 2, 'two'); reset search_path`,
    );
  }
  return schemas;
}

/** The fleet plan of every `fleet_%_api` tenant of the database towards `desired`. */
export async function planTenants(
  db: TestDatabase,
  host: ScratchHost,
  desired = TENANT_V2,
): Promise<FleetPlan> {
  const targets = await resolveFleetTargets([singleDatabase(db.url, { kind: "like", pattern: PATTERN })]);
  return planFleet({ targets, scratchHost: host, sources: [{ name: "tenant.sql", text: desired }] });
}

/** The statuses of a fleet apply by target id. */
export function statuses(result: {
  readonly outcomes: readonly { readonly target: { readonly id: string }; readonly status: string }[];
}): Record<string, string> {
  return Object.fromEntries(result.outcomes.map((o) => [o.target.id, o.status]));
}

/** Rows of flux.fleet_outcomes for one run, by target. */
export async function recorded(db: TestDatabase, runId: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ target: string; status: string }>(
    "select target, status from flux.fleet_outcomes where run_id = $1 order by target",
    [runId],
  );
  return Object.fromEntries(rows.map((row) => [row.target, row.status]));
}

/**
 * pg-flux sessions still busy on the test's database, and advisory locks other sessions hold there:
 * both 0 once a fleet is done. Only this database's: pg_stat_activity and pg_locks are server-wide.
 */
export async function fluxSessions(db: TestDatabase): Promise<{ active: number; advisory: number }> {
  const { rows } = await db.query<{ active: number; advisory: number }>(
    `select (select count(*)::int from pg_stat_activity
              where datname = current_database() and application_name like 'pg-flux%' and state <> 'idle') as active,
            (select count(*)::int from pg_locks where locktype = 'advisory' and pid <> pg_backend_pid()
               and database = (select oid from pg_database where datname = current_database())) as advisory`,
  );
  return rows[0] as { active: number; advisory: number };
}

/** True while a pg-flux apply session of the test's database waits for a lock in a statement naming `schema`. */
export async function applyWaitsForLock(db: TestDatabase, schema: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from pg_stat_activity
      where datname = current_database() and application_name = 'pg-flux apply'
        and wait_event_type = 'Lock' and strpos(query, $1) > 0`,
    [schema],
  );
  return rows.length > 0;
}
