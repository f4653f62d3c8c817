import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { type PlanPhase, planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

function recorder() {
  const phases: { phase: PlanPhase; ms: number }[] = [];
  return { phases, onPhase: (phase: PlanPhase, ms: number) => phases.push({ phase, ms }) };
}

describe("planMigration reports the wall time of each phase", () => {
  test("every phase once, in order, together within the call's own time", async ({ db }) => {
    await db.query("create table items (id int primary key)");
    const { phases, onPhase } = recorder();
    const started = performance.now();
    const { plan } = await planMigration({
      databaseUrl: db.url,
      sources: source("create table items (id int primary key, name text);"),
      onPhase,
    });
    const wall = performance.now() - started;
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(phases.map((p) => p.phase)).toEqual([
      "parse",
      "inspect",
      "load",
      "inspectDesired",
      "plan",
      "verify",
    ]);
    for (const { ms } of phases) expect(ms).toBeGreaterThanOrEqual(0);
    const sum = phases.reduce((total, p) => total + p.ms, 0);
    expect(sum).toBeLessThanOrEqual(wall);
  });

  test("no verify phase when verification is off or the plan is empty", async ({ db }) => {
    await db.query("create table items (id int primary key)");
    const off = recorder();
    await planMigration({
      databaseUrl: db.url,
      sources: source("create table items (id int primary key, name text);"),
      options: { verify: false },
      onPhase: off.onPhase,
    });
    expect(off.phases.map((p) => p.phase)).toEqual(["parse", "inspect", "load", "inspectDesired", "plan"]);

    const empty = recorder();
    const { plan } = await planMigration({
      databaseUrl: db.url,
      sources: source("create table items (id int primary key);"),
      onPhase: empty.onPhase,
    });
    expect(plan.steps).toEqual([]);
    expect(empty.phases.map((p) => p.phase)).not.toContain("verify");
  });
});
