import { scratchHostForFile, test } from "@pg-flux/testkit";
import {
  applyWaitsForLock,
  createTenants,
  fluxSessions,
  planTenants,
  recorded,
  statuses,
  TENANT_V2,
} from "@pg-flux/testkit/fleet";
import { expect } from "vitest";
import { applyFleet } from "../../src/fleet/index.js";
import { startCli, workdir } from "./helpers.js";
import { FAULT_TEST_TIMEOUT_MS, holdInTransaction, waitFor } from "./resume-support.js";

/**
 * Fleet faults (issue 19): one tenant with bad data, one tenant behind a lock, an interruption.
 * Each time the other tenants complete, the outcome names the tenant and why, and one re-run after
 * the fix finishes only that tenant.
 */

const host = scratchHostForFile();

test(
  "a tenant whose VALIDATE fails: the others complete, and a re-run after the data fix finishes only it",
  async ({ db }) => {
    await createTenants(db, ["a", "b", "c", "d"]);
    await db.query("insert into fleet_b_api.items values (3, -1, 'bad')");
    const first = await applyFleet({ fleet: await planTenants(db, host()), concurrency: 2, maxFailures: 5 });
    expect(first.status).toBe("failed");
    expect(first.stopped).toBeNull();
    expect(statuses(first)).toEqual({
      fleet_a_api: "applied",
      fleet_b_api: "failed",
      fleet_c_api: "applied",
      fleet_d_api: "applied",
    });
    const failed = first.outcomes[1]!;
    expect(failed.message).toMatch(/items_qty_check.*violated/);
    expect(failed.result?.status === "failed" && failed.result.failure?.remedy).toBe("fix_data");
    const { rows: recordedError } = await db.query(
      "select status, error from flux.fleet_outcomes where run_id = $1 and target = 'fleet_b_api'",
      [first.runId],
    );
    expect(recordedError).toEqual([{ status: "failed", error: failed.message }]);

    // the data fix; the re-plan: the finished tenants are one empty group, b's own group only validates
    await db.query("delete from fleet_b_api.items where qty < 0");
    const fleet = await planTenants(db, host());
    const groups = fleet.groups.map((g) => ({ targets: g.targets, steps: g.plan.steps.map((s) => s.sql) }));
    expect(groups).toEqual([
      { targets: ["fleet_a_api", "fleet_c_api", "fleet_d_api"], steps: [] },
      { targets: ["fleet_b_api"], steps: [expect.stringMatching(/VALIDATE CONSTRAINT items_qty_check/)] },
    ]);
    const second = await applyFleet({ fleet, concurrency: 2 });
    expect(second.status).toBe("applied");
    expect(statuses(second)).toEqual({
      fleet_a_api: "nothing_to_do",
      fleet_b_api: "applied",
      fleet_c_api: "nothing_to_do",
      fleet_d_api: "nothing_to_do",
    });
    expect(await recorded(db, second.runId)).toEqual(statuses(second));
    const { rows } = await db.query<{ target: string; status: string }>(
      "select target, status from flux.fleet_outcomes where target = 'fleet_b_api' order by finished_at",
    );
    expect(rows.map((r) => r.status)).toEqual(["failed", "applied"]);
  },
  FAULT_TEST_TIMEOUT_MS,
);

test(
  "a tenant behind another session's lock fails on lock_timeout; the others complete; a re-run finishes it",
  async ({ db }) => {
    await createTenants(db, ["a", "b", "c"]);
    const fleet = await planTenants(db, host());
    // an open transaction that wrote to b's table: its ROW EXCLUSIVE lock stops b's ALTER TABLE
    const holder = await holdInTransaction(db, "insert into fleet_b_api.items values (9, 1, 'held')");
    let result: Awaited<ReturnType<typeof applyFleet>>;
    try {
      result = await applyFleet({
        fleet,
        canary: 0,
        maxFailures: 5,
        limits: { lockTimeout: "200ms", lockRetries: 1 },
      });
    } finally {
      await holder.end();
    }
    expect(statuses(result)).toEqual({
      fleet_a_api: "applied",
      fleet_b_api: "failed",
      fleet_c_api: "applied",
    });
    const failed = result.outcomes[1]!;
    expect(failed.message).toMatch(/could not take its lock within lock_timeout after 2 attempts/);
    expect(failed.result?.status === "failed" && failed.result.failure?.remedy).toBe("rerun");
    expect(await fluxSessions(db)).toEqual({ active: 0, advisory: 0 });

    const rerun = await applyFleet({ fleet: await planTenants(db, host()) });
    expect(statuses(rerun)).toEqual({
      fleet_a_api: "nothing_to_do",
      fleet_b_api: "applied",
      fleet_c_api: "nothing_to_do",
    });
    const again = await planTenants(db, host());
    expect(again.groups.map((g) => g.plan.steps.length)).toEqual([0]);
  },
  FAULT_TEST_TIMEOUT_MS,
);

test(
  "an AbortSignal stops new tenants and cancels the running one: no lock left, a summary, one re-run finishes",
  async ({ db }) => {
    await createTenants(db, ["a", "b", "c", "d"]);
    const fleet = await planTenants(db, host());
    const holder = await holdInTransaction(db, "insert into fleet_b_api.items values (9, 1, 'held')");
    const controller = new AbortController();
    let result: Awaited<ReturnType<typeof applyFleet>>;
    try {
      // one at a time: a (the canary) applies, b waits behind the holder (lock_timeout is long)
      const running = applyFleet({
        fleet,
        concurrency: 1,
        canary: 1,
        limits: { lockTimeout: "120s" },
        signal: controller.signal,
      });
      await waitFor("pg-flux to wait for a lock on tenant b", () => applyWaitsForLock(db, "fleet_b_api"));
      controller.abort();
      result = await running;
      // the fleet resolved with b's statement cancelled and every pg-flux lock released
      expect(await fluxSessions(db)).toEqual({ active: 0, advisory: 0 });
    } finally {
      await holder.end();
    }
    expect(result.status).toBe("interrupted");
    expect(result.stopped).toBe("interrupted");
    expect(statuses(result)).toEqual({
      fleet_a_api: "applied",
      fleet_b_api: "interrupted",
      fleet_c_api: "not_run",
      fleet_d_api: "not_run",
    });
    expect(result.counts).toMatchObject({ applied: 1, interrupted: 1, not_run: 2 });
    expect(await recorded(db, result.runId)).toEqual(statuses(result));

    const rerun = await applyFleet({ fleet: await planTenants(db, host()), concurrency: 2 });
    expect(rerun.status).toBe("applied");
    expect(rerun.counts).toMatchObject({ applied: 3, nothing_to_do: 1 });
    const again = await planTenants(db, host());
    expect(again.groups.map((g) => g.plan.steps.length)).toEqual([0]);
  },
  FAULT_TEST_TIMEOUT_MS,
);

test(
  "Ctrl-C during pg-flux fleet apply: exit 130, the table lists every tenant, no lock left",
  async ({ db }) => {
    await createTenants(db, ["a", "b", "c"]);
    const dir = workdir({ "tenant.sql": TENANT_V2 });
    const holder = await holdInTransaction(db, "insert into fleet_b_api.items values (9, 1, 'held')");
    try {
      const cli = startCli(
        [
          "fleet",
          "apply",
          "--source",
          "tenant.sql",
          "--database-url",
          db.url,
          "--schemas",
          "fleet_%_api",
          "--concurrency",
          "1",
          "--lock-timeout",
          "120s",
        ],
        dir,
      );
      await waitFor(
        "pg-flux fleet apply to wait for a lock on tenant b",
        () => applyWaitsForLock(db, "fleet_b_api"),
        120_000,
      );
      cli.child.kill("SIGINT");
      const { code } = await cli.exit;
      expect(code, cli.stderr()).toBe(130);
      expect(await fluxSessions(db)).toEqual({ active: 0, advisory: 0 });
      expect(cli.stdout()).toMatch(/^fleet_b_api\tINTERRUPTED\t0\t/m);
      expect(cli.stdout()).toMatch(/^fleet_c_api\tnot run\t0\t\tnot run: the fleet was interrupted$/m);
      expect(cli.stdout()).toMatch(/^fleet_a_api\tapplied\t3\t/m);
      expect(cli.stdout()).toMatch(/applied 1, interrupted 1, not run 1 in .*; interrupted\./);
      expect(cli.stderr()).toContain("SIGINT received: stopping");
    } finally {
      await holder.end();
    }
  },
  FAULT_TEST_TIMEOUT_MS,
);
