import type { ScratchHost } from "@pg-flux/engine";
import type { TestDatabase } from "@pg-flux/testkit";
import { expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

/**
 * The invariant for one desired file: plan, no hazards, apply, re-plan empty. Returns the applied
 * plan's SQL for the caller to pin.
 */
export async function roundTrip(
  scratch: ScratchHost,
  db: TestDatabase,
  desired: string,
): Promise<readonly string[]> {
  const sources = [{ name: "schema.sql", text: desired }];
  const { plan } = await planMigration({ scratchHost: scratch, databaseUrl: db.url, sources });
  expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
  expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
  const again = await planMigration({ scratchHost: scratch, databaseUrl: db.url, sources });
  expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  return plan.steps.map((step) => step.sql);
}
