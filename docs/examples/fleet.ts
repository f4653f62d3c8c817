import { applyFleet, planFleet, resolveFleetTargets, singleDatabase } from "pg-flux";

/** One tenant's schema: unqualified names land in each tenant schema (`__tenant__`). */
const tenant = `
CREATE TABLE items (
  id bigint PRIMARY KEY,
  title text NOT NULL
);
CREATE INDEX items_title ON items (title);
`;

/**
 * Every `t_%_api` schema of a pooled database: planned once per group of identical tenants, then
 * applied two at a time after a canary. Returns one line per target.
 */
export async function migrateTenants(databaseUrl: string): Promise<string[]> {
  const targets = await resolveFleetTargets([
    singleDatabase(databaseUrl, { kind: "like", pattern: "t_%_api" }),
  ]);
  const fleet = await planFleet({ targets, sources: [{ name: "tenant.sql", text: tenant }] });
  for (const group of fleet.groups) {
    process.stderr.write(
      `group ${group.index}: ${group.targets.length} tenant(s), ${group.plan.steps.length} step(s)\n`,
    );
  }
  const result = await applyFleet({ fleet, concurrency: 2, canary: 1, maxFailures: 1 });
  // result.status: applied | nothing_to_do | failed | refused | interrupted
  return result.outcomes.map((outcome) => `${outcome.target.id}: ${outcome.status}`);
}
