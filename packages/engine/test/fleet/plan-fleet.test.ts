import { InvalidInputError, renderSql } from "@pg-flux/core";
import { scratchHostForFile, test } from "@pg-flux/testkit";
import { createTenants, planTenants, TENANT_V1 } from "@pg-flux/testkit/fleet";
import { expect } from "vitest";
import { planFleet, planForTarget, resolveFleetTargets, singleDatabase } from "../../src/fleet/index.js";

const host = scratchHostForFile();

test("identical tenants are planned once; a drifted tenant is a group of its own", async ({ db }) => {
  await createTenants(db, ["a", "b", "c", "d"]);
  await db.query("alter table fleet_c_api.items add column legacy int");
  const fleet = await planTenants(db, host());
  expect(fleet.groups.map((g) => g.targets)).toEqual([
    ["fleet_a_api", "fleet_b_api", "fleet_d_api"],
    ["fleet_c_api"],
  ]);
  const [same, drifted] = fleet.groups;
  // the group's plan names the placeholder, never a tenant
  expect(renderSql(same!.plan)).toContain("__tenant__.items");
  expect(renderSql(same!.plan)).not.toContain("fleet_");
  expect(same!.plan.steps.map((s) => s.sql)).toEqual(
    expect.arrayContaining([expect.stringContaining("NOT VALID"), expect.stringContaining("VALIDATE")]),
  );
  // the drifted tenant's plan also drops the column nobody else has, a DATA_LOSS hazard
  expect(drifted!.plan.steps.flatMap((s) => s.hazards.map((h) => h.kind))).toContain("DATA_LOSS");
  expect(same!.plan.steps.flatMap((s) => s.hazards.map((h) => h.kind))).not.toContain("DATA_LOSS");
  // one target's plan: its own schema, and its own fingerprint as the state it applies to
  const b = fleet.targets.find((t) => t.target.id === "fleet_b_api")!;
  const forB = planForTarget(fleet, b);
  expect(renderSql(forB)).toContain("fleet_b_api.items");
  expect(renderSql(forB)).not.toContain("__tenant__");
  expect(forB.currentFingerprint).toBe(b.liveFingerprint);
  expect(b.liveFingerprint).not.toBe(fleet.targets[0]!.liveFingerprint);
});

test("the placeholder qualifies the tenant schema in the desired SQL", async ({ db }) => {
  await createTenants(db, ["a", "b"]);
  const desired = `${TENANT_V1}\ncreate table __tenant__.notes (id int primary key, item bigint references __tenant__.items);`;
  const fleet = await planTenants(db, host(), desired);
  expect(fleet.groups).toHaveLength(1);
  const sql = renderSql(planForTarget(fleet, fleet.targets[1]!));
  expect(sql).toContain("CREATE TABLE fleet_b_api.notes");
  expect(sql).toContain("REFERENCES fleet_b_api.items");
});

test("tenants already at the desired schema are one group with an empty plan", async ({ db }) => {
  await createTenants(db, ["a", "b"]);
  const fleet = await planTenants(db, host(), TENANT_V1);
  expect(fleet.groups).toHaveLength(1);
  expect(fleet.groups[0]!.plan.steps).toEqual([]);
});

test("a selector that matches nothing, or a listed schema that does not exist, is an error", async ({
  db,
}) => {
  await createTenants(db, ["a"]);
  const none = resolveFleetTargets([singleDatabase(db.url, { kind: "like", pattern: "nope_%" })]);
  await expect(none).rejects.toThrow(InvalidInputError);
  await expect(none).rejects.toThrow(/matches no schema/);
  const missing = resolveFleetTargets([
    singleDatabase(db.url, { kind: "list", schemas: ["fleet_a_api", "fleet_zz_api"] }),
  ]);
  await expect(missing).rejects.toThrow(/schema fleet_zz_api does not exist/);
  const query = await resolveFleetTargets([
    singleDatabase(db.url, {
      kind: "query",
      sql: "select nspname from pg_namespace where nspname like 'fleet%'",
    }),
  ]);
  expect(query.map((t) => t.id)).toEqual(["fleet_a_api"]);
  // the URL shown for the database never carries a password
  expect(query[0]!.database).not.toMatch(/:[^*@/]+@/);
});

test("the tenant schema keeps its own comment and grants unless the desired SQL sets them", async ({
  db,
}) => {
  // `public` of a database of its own: a comment and USAGE for PUBLIC that a fresh schema lacks
  const targets = await resolveFleetTargets([singleDatabase(db.url, { kind: "list", schemas: ["public"] })]);
  const plain = await planFleet({
    targets,
    scratchHost: host(),
    sources: [{ name: "t.sql", text: "create table items (id int);" }],
  });
  expect(plain.groups[0]!.plan.steps.map((s) => s.sql)).toEqual([
    expect.stringMatching(/^CREATE TABLE __tenant__\.items/),
  ]);
  const granted = await planFleet({
    targets,
    scratchHost: host(),
    sources: [
      { name: "t.sql", text: "create table items (id int);\ncomment on schema __tenant__ is 'tenant';" },
    ],
  });
  expect(granted.groups[0]!.plan.steps.map((s) => s.sql)).toContain(
    "COMMENT ON SCHEMA __tenant__ IS 'tenant';",
  );
});

test("a database of its own (tenant schema public): a policy for PUBLIC converges, its re-plan is empty", async ({
  db,
}) => {
  // a policy without TO is for the role `public`, spelled like the tenant schema: both must stay apart
  const desired = `create table items (id int primary key, owner text);
alter table items enable row level security;
create policy own on items using (owner = current_user);
comment on table items is 'public items';`;
  const targets = await resolveFleetTargets([singleDatabase(db.url, { kind: "list", schemas: ["public"] })]);
  const plan = () => planFleet({ targets, scratchHost: host(), sources: [{ name: "t.sql", text: desired }] });
  const first = await plan();
  const target = first.targets[0]!;
  const sql = renderSql(planForTarget(first, target));
  expect(sql).toContain("CREATE POLICY own ON public.items\nUSING");
  expect(sql).toContain("COMMENT ON TABLE public.items IS 'public items'");
  expect(sql).not.toContain("__tenant__");
  await db.query(sql);
  const again = await plan();
  expect(again.groups.map((g) => g.plan.steps.map((s) => s.sql))).toEqual([[]]);
});
