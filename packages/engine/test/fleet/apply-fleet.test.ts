import { scratchHostForFile, test } from "@pg-flux/testkit";
import { createTenants, fluxSessions, planTenants, recorded, statuses } from "@pg-flux/testkit/fleet";
import { expect } from "vitest";
import { applyFleet } from "../../src/fleet/index.js";
import { APPLY_LOCK_KEY } from "../../src/run/index.js";

const host = scratchHostForFile();

test("applies every tenant, records each outcome, and a re-plan is one empty group", async ({ db }) => {
  const schemas = await createTenants(db, ["a", "b", "c"]);
  const fleet = await planTenants(db, host());
  const finished: string[] = [];
  const result = await applyFleet({
    fleet,
    concurrency: 2,
    onTargetFinished: (outcome, progress) => {
      finished.push(outcome.target.id);
      expect(progress.done + progress.remaining).toBe(3);
    },
  });
  expect(result.status).toBe("applied");
  expect(result.counts.applied).toBe(3);
  expect(result.stopped).toBeNull();
  expect(finished.sort()).toEqual(schemas);
  for (const schema of schemas) {
    const { rows } = await db.query(
      "select convalidated from pg_constraint where conname = 'items_qty_check' and connamespace = $1::regnamespace",
      [schema],
    );
    expect(rows).toEqual([{ convalidated: true }]);
  }
  expect(await recorded(db, result.runId)).toEqual(Object.fromEntries(schemas.map((s) => [s, "applied"])));
  const { rows } = await db.query<{ desired_fingerprint: string; steps_applied: number }>(
    "select distinct desired_fingerprint, steps_applied from flux.fleet_outcomes where run_id = $1",
    [result.runId],
  );
  expect(rows).toEqual([{ desired_fingerprint: fleet.desiredFingerprint, steps_applied: 3 }]);

  const again = await planTenants(db, host());
  expect(again.groups).toHaveLength(1);
  expect(again.groups[0]!.plan.steps).toEqual([]);
  const rerun = await applyFleet({ fleet: again });
  expect(rerun.status).toBe("nothing_to_do");
  expect(await recorded(db, rerun.runId)).toEqual(
    Object.fromEntries(schemas.map((s) => [s, "nothing_to_do"])),
  );
});

test("a tenant changed since the plan is refused as a stale plan; the others apply", async ({ db }) => {
  await createTenants(db, ["a", "b", "c"]);
  const fleet = await planTenants(db, host());
  expect(fleet.groups).toHaveLength(1);
  // after the plan: b gains a column, and a table outside the fleet starts using c (not c's state)
  await db.query("alter table fleet_b_api.items add column extra int");
  await db.query("create table public.uses_c (item bigint references fleet_c_api.items)");
  const result = await applyFleet({ fleet, canary: 1, concurrency: 2, maxFailures: 10 });
  expect(statuses(result)).toEqual({
    fleet_a_api: "applied",
    fleet_b_api: "refused",
    fleet_c_api: "applied",
  });
  const refused = result.outcomes[1]!;
  expect(refused.result?.status === "refused" && refused.result.reason).toBe("stale_plan");
  expect(refused.message).toMatch(/changed since the plan was made/);
  const { rows } = await db.query(
    "select connamespace::regnamespace::text as schema from pg_constraint where conname = 'items_qty_check' order by 1",
  );
  expect(rows).toEqual([{ schema: "fleet_a_api" }, { schema: "fleet_c_api" }]);
  expect(await recorded(db, result.runId)).toEqual(statuses(result));
});

test("a canary that fails stops the fleet before any other tenant", async ({ db }) => {
  await createTenants(db, ["a", "b", "c", "d"]);
  // the first tenant holds a row the CHECK refuses: its VALIDATE fails
  await db.query("insert into fleet_a_api.items values (3, -1, 'bad')");
  const fleet = await planTenants(db, host());
  const result = await applyFleet({ fleet, canary: 1, concurrency: 2, maxFailures: 10 });
  expect(result.status).toBe("failed");
  expect(result.stopped).toBe("canary_failed");
  expect(statuses(result)).toEqual({
    fleet_a_api: "failed",
    fleet_b_api: "not_run",
    fleet_c_api: "not_run",
    fleet_d_api: "not_run",
  });
  const failed = result.outcomes[0]!;
  expect(failed.message).toMatch(/items_qty_check/);
  expect(failed.result?.status === "failed" && failed.result.failure?.remedy).toBe("fix_data");
  expect(result.outcomes[1]!.message).toMatch(/canary/);
  // nothing ran on the tenants after the canary
  const { rows } = await db.query(
    "select count(*)::int as n from pg_constraint where conname = 'items_qty_check'",
  );
  expect(rows).toEqual([{ n: 1 }]); // the canary's NOT VALID constraint stays; no other tenant has one
  expect(await recorded(db, result.runId)).toEqual(statuses(result));
});

test("the fleet stops starting tenants after max-failures", async ({ db }) => {
  await createTenants(db, ["a", "b", "c", "d", "e"]);
  await db.query("insert into fleet_b_api.items values (3, -1, 'bad')");
  await db.query("insert into fleet_c_api.items values (3, -1, 'bad')");
  const fleet = await planTenants(db, host());
  // one at a time, in order: a (canary) applies, b fails, c fails → 2 failures, d and e never start
  const result = await applyFleet({ fleet, canary: 1, concurrency: 1, maxFailures: 2 });
  expect(result.stopped).toBe("max_failures");
  expect(statuses(result)).toEqual({
    fleet_a_api: "applied",
    fleet_b_api: "failed",
    fleet_c_api: "failed",
    fleet_d_api: "not_run",
    fleet_e_api: "not_run",
  });
  expect(result.counts).toMatchObject({ applied: 1, failed: 2, not_run: 2 });
  expect(result.outcomes[3]!.message).toMatch(/stopped after 2 failures/);
});

test("blocking hazards in one group refuse the whole fleet; nothing is applied", async ({ db }) => {
  await createTenants(db, ["a", "b"]);
  await db.query("alter table fleet_b_api.items add column legacy int");
  const fleet = await planTenants(db, host());
  const result = await applyFleet({ fleet });
  expect(result.status).toBe("refused");
  expect(statuses(result)).toEqual({ fleet_a_api: "not_run", fleet_b_api: "refused" });
  expect(result.outcomes[1]!.message).toMatch(/DATA_LOSS/);
  const { rows } = await db.query(
    "select count(*)::int as n from pg_constraint where conname = 'items_qty_check'",
  );
  expect(rows).toEqual([{ n: 0 }]);
  const allowed = await applyFleet({ fleet, allowHazards: ["DATA_LOSS"], canary: 0 });
  expect(allowed.status).toBe("applied");
});

test("tenants of one database apply at once; a whole-database apply excludes them all", async ({ db }) => {
  await createTenants(db, ["a", "b"]);
  const fleet = await planTenants(db, host());
  const other = await db.connect();
  const limits = { applyLockWaitMs: 300 };
  try {
    // another fleet run is applying to tenant a: b goes ahead, a waits and gives up
    await other.query("select pg_advisory_lock(hashtextextended($1, 0))", [`${APPLY_LOCK_KEY}:fleet_a_api`]);
    const scoped = await applyFleet({ fleet, canary: 0, maxFailures: 5, limits });
    expect(statuses(scoped)).toEqual({ fleet_a_api: "failed", fleet_b_api: "applied" });
    expect(scoped.outcomes[0]!.message).toMatch(
      /^another pg-flux apply is running on this database \(backend pid \d+\)/,
    );
    await other.query("select pg_advisory_unlock_all()");
    // a whole-database `migrate apply` holds the database key: no tenant starts
    await other.query("select pg_advisory_lock(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
    const again = await planTenants(db, host());
    const blocked = await applyFleet({ fleet: again, canary: 0, maxFailures: 5, limits });
    expect(statuses(blocked)).toEqual({ fleet_a_api: "failed", fleet_b_api: "nothing_to_do" });
    await other.query("select pg_advisory_unlock_all()");
    const done = await applyFleet({ fleet: again, canary: 0 });
    expect(statuses(done)).toEqual({ fleet_a_api: "applied", fleet_b_api: "nothing_to_do" });
    // every fleet session released its locks (`other` released its own)
    expect(await fluxSessions(db)).toEqual({ active: 0, advisory: 0 });
  } finally {
    await other.end();
  }
});
