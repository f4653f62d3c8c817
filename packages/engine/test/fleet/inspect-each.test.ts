import { COLLECTIONS, fingerprint, KINDS, type SchemaState } from "@pg-flux/core";
import { inspect, inspectEach, inspectWithStats } from "@pg-flux/inspector";
import { test } from "@pg-flux/testkit";
import { expect } from "vitest";
import { listFleet, resolveFleetTargets, singleDatabase } from "../../src/fleet/index.js";

/**
 * A fleet reads the tenant schemas of a database in one inspection and splits the state per tenant
 * (inspector `inspectEach`): each tenant's state must be exactly what an inspection of that schema
 * alone reads — the same objects, dependencies and stats, in the same order, so the fingerprint
 * planned with is the one apply reads again — including references between tenants and to a schema
 * outside the fleet, kinds read whatever the filter (casts, event triggers) and a drifted tenant.
 * And a read of one schema (what each target's apply reads again before its first step) reads
 * pg_depend through the filtered schemas' objects only: it must hold what a read of every schema
 * holds for that schema, and the same objects outside it that use it.
 */

/** One tenant with every common kind; `s` is a test constant of [a-z_], never input. */
function tenantSql(s: string): string {
  return `
create schema ${s};
create type ${s}.status as enum ('new', 'done');
create domain ${s}.positive as int check (value > 0);
create type ${s}.pair as (a int, b text);
create type ${s}.span as range (subtype = int4);
create collation ${s}.bytes from "C";
create sequence ${s}.counter;
create table ${s}.items (
  id bigint generated always as identity primary key,
  status ${s}.status not null default 'new',
  qty ${s}.positive,
  n int default nextval('${s}.counter'),
  lookup int references h19f_shared.lookup,
  title text collate ${s}.bytes,
  during ${s}.span
);
comment on table ${s}.items is 'items';
comment on column ${s}.items.qty is 'how many';
create table ${s}.notes (id int primary key, item bigint references ${s}.items on delete cascade, body text);
create index notes_body on ${s}.notes (body);
create table ${s}.events (at date not null, v int) partition by range (at);
create table ${s}.events_2024 partition of ${s}.events for values from ('2024-01-01') to ('2025-01-01');
create view ${s}.open_items as select id, qty from ${s}.items where status = 'new';
create materialized view ${s}.totals as select count(*) as n from ${s}.items;
create function ${s}.touch() returns trigger language plpgsql as $$begin new.body := coalesce(new.body, ''); return new; end$$;
create trigger notes_touch before insert on ${s}.notes for each row execute function ${s}.touch();
create function ${s}.add(a int, b int) returns int language sql immutable as 'select a + b';
create aggregate ${s}.total(int) (sfunc = ${s}.add, stype = int, initcond = '0');
create procedure ${s}.reset() language sql as 'select 1';
create operator ${s}.%%% (leftarg = int, rightarg = int, function = ${s}.add);
alter table ${s}.notes enable row level security;
create policy own_notes on ${s}.notes using (body is not null);
create statistics ${s}.items_stats (dependencies) on id, qty from ${s}.items;
grant usage on schema ${s} to public;
grant select on ${s}.items to public;
alter default privileges in schema ${s} grant select on tables to public;
`;
}

const TENANTS = ["h19f_a", "h19f_b", "h19f_c"];

/** Three tenants and a shared schema, with references between them (see the first test). */
const CROSS_REFERENCED = `
    create schema h19f_shared;
    create table h19f_shared.lookup (id int primary key);
    create function public.h19f_on_ddl() returns event_trigger language plpgsql as $$begin end$$;
    create event trigger h19f_ddl on ddl_command_end execute function public.h19f_on_ddl();
    alter default privileges grant execute on functions to public;
    ${TENANTS.map(tenantSql).join("\n")}
    -- references between tenants, a cast read whatever the filter, an extension, a drifted tenant
    create view h19f_b.mirror as select id from h19f_a.items;
    create table h19f_c.links (id int primary key, item bigint references h19f_a.items);
    create function h19f_a.pair_text(h19f_a.pair) returns text language sql as 'select $1.b';
    create cast (h19f_a.pair as text) with function h19f_a.pair_text(h19f_a.pair);
    create extension if not exists pg_trgm schema h19f_b;
    alter table h19f_c.items add column legacy int;
    -- used from outside a tenant: a column default, an array of its type, an extension's operator class
    create table h19f_shared.tally (n int default h19f_a.add(1, 2));
    create function h19f_c.first_status(h19f_a.status[]) returns h19f_a.status language sql as 'select $1[1]';
    create table h19f_c.words (w text);
    create index words_trgm on h19f_c.words using gin (w h19f_b.gin_trgm_ops);
    -- and a member of h19f_b's extension that lives in another schema, used from a third
    create function h19f_shared.label(int) returns text language sql immutable as 'select $1::text';
    alter extension pg_trgm add function h19f_shared.label(int);
    create table h19f_c.labels (n int, t text default h19f_shared.label(1));
    insert into h19f_shared.lookup values (1);
    insert into h19f_a.items (qty, lookup) select 1, 1 from generate_series(1, 50);
    analyze h19f_a.items;
`;

test("each tenant's part of one inspection equals an inspection of that tenant alone", async ({ db }) => {
  await db.query(CROSS_REFERENCED);
  const split = await inspectEach(db.url, TENANTS);
  expect([...split.keys()]).toEqual(TENANTS);
  for (const tenant of TENANTS) {
    const alone = await inspect(db.url, { schemas: [tenant] });
    const part = split.get(tenant)!;
    expect(part, tenant).toEqual(alone);
    // the same order too (keys, dependencies), so the same JSON and the same fingerprint
    expect(JSON.stringify(part) === JSON.stringify(alone), tenant).toBe(true);
    expect(fingerprint(part)).toBe(fingerprint(alone));
  }
  // the fixture exercises what the split must get right
  const a = split.get("h19f_a")!;
  const held = COLLECTIONS.filter((collection) => Object.keys(a[collection]).length > 0);
  expect(held).toEqual(
    expect.arrayContaining([
      "schemas",
      "collations",
      "types",
      "sequences",
      "tables",
      "constraints",
      "indexes",
      "views",
      "materializedViews",
      "functions",
      "aggregates",
      "triggers",
      "eventTriggers",
      "policies",
      "statistics",
      "defaultPrivileges",
      "operators",
      "casts",
    ]),
  );
  expect(a.dependencies.length).toBeGreaterThan(20);
  expect(Object.keys(a.stats).length).toBeGreaterThan(0);
  expect(Object.keys(split.get("h19f_b")!.extensions)).toEqual(["extension:pg_trgm"]);
  // a cast is read whatever the filter: every tenant has it; its edge to h19f_a's function only a
  expect(Object.keys(split.get("h19f_c")!.casts)).toEqual(Object.keys(a.casts));
  const castEdges = (tenant: string) =>
    split.get(tenant)!.dependencies.filter((edge) => edge.dependent.startsWith("cast:"));
  expect(castEdges("h19f_a")).not.toEqual([]);
  expect(castEdges("h19f_c")).toEqual([]);
  // a tenant's view of another tenant's table: the reference is kept, the edge is not (as alone)
  expect(split.get("h19f_b")!.views["view:h19f_b.mirror"]).toBeDefined();
  expect(split.get("h19f_b")!.dependencies.some((edge) => edge.referenced.includes("h19f_a."))).toBe(false);
});

test("fleet list reads a database's tenants in one inspection: same groups as reading them one by one", async ({
  db,
}) => {
  await db.query(`
    create schema h19f_shared;
    create table h19f_shared.lookup (id int primary key);
    ${TENANTS.map(tenantSql).join("\n")}
    alter table h19f_c.items add column legacy int;
  `);
  const targets = await resolveFleetTargets([singleDatabase(db.url, { kind: "like", pattern: "h19f\\_%" })]);
  const listed = await listFleet({ targets });
  expect(listed.map((target) => [target.target.schema, target.group])).toEqual([
    ["h19f_a", 1],
    ["h19f_b", 1],
    ["h19f_c", 2],
    ["h19f_shared", 3],
  ]);
  expect(listed.every((target) => target.error === null)).toBe(true);
});

/** The state's objects of `kept`'s ids taken from `whole`, and every id (objects and parts) of `kept`. */
function restricted(whole: SchemaState, kept: SchemaState): { state: SchemaState; ids: Set<string> } {
  const ids = new Set<string>();
  const collections: Record<string, unknown> = {};
  for (const collection of COLLECTIONS) {
    const own = KINDS[collection].ids as (object: unknown) => readonly string[];
    collections[collection] = Object.fromEntries(
      Object.keys(kept[collection]).map((id) => [id, (whole[collection] as Record<string, unknown>)[id]]),
    );
    for (const object of Object.values(kept[collection])) for (const id of own(object)) ids.add(id);
  }
  const dependencies = whole.dependencies.filter(
    (edge) => ids.has(edge.dependent) && ids.has(edge.referenced),
  );
  return { state: { ...kept, ...collections, dependencies } as SchemaState, ids };
}

test("a read of one schema holds what a read of every schema holds for it, and what uses it from outside", async ({
  db,
}) => {
  await db.query(CROSS_REFERENCED);
  const whole = await inspect(db.url);
  const outsideOf = new Map<string, readonly string[]>();
  for (const schema of [...TENANTS, "h19f_shared"]) {
    const { state, outside } = await inspectWithStats(db.url, { schemas: [schema] });
    const { state: expected, ids } = restricted(whole, state);
    // same objects (ids and data) and the same edges between them as the unfiltered read's
    expect(state, schema).toEqual(expected);
    // not vacuous: h19f_shared holds one table, whose primary key depends on its column (one edge on
    // PostgreSQL 14, more on 18, which also catalogs the column's NOT NULL as a constraint)
    expect(state.dependencies.length, schema).toBeGreaterThan(schema === "h19f_shared" ? 0 : 20);
    for (const used of outside) {
      expect(used.schema).not.toBe(schema);
      for (const id of used.dependsOn) expect(ids.has(id), `${schema}: ${used.name} → ${id}`).toBe(true);
    }
    outsideOf.set(
      schema,
      outside.map((used) => `${used.name} → ${used.dependsOn.join(", ")}`),
    );
  }
  // what other schemas use of each: views, foreign keys, a default, an array of a type, an
  // extension's operator class (the read follows them through pg_depend's index on the referenced side)
  expect(Object.fromEntries(outsideOf)).toEqual({
    h19f_a: [
      "view h19f_b.mirror → column:h19f_a.items.id",
      "constraint links_item_fkey on table h19f_c.links → column:h19f_a.items.id, index:h19f_a.items_pkey",
      "function h19f_c.first_status(h19f_a.status[]) → type:h19f_a.status",
      "default value for column n of table h19f_shared.tally → function:h19f_a.add(a integer, b integer)",
    ],
    h19f_b: [
      "default value for column t of table h19f_c.labels → extension:pg_trgm",
      "index h19f_c.words_trgm → extension:pg_trgm",
    ],
    h19f_c: [],
    h19f_shared: [
      "constraint items_lookup_fkey on table h19f_a.items → column:h19f_shared.lookup.id, index:h19f_shared.lookup_pkey",
      "constraint items_lookup_fkey on table h19f_b.items → column:h19f_shared.lookup.id, index:h19f_shared.lookup_pkey",
      "constraint items_lookup_fkey on table h19f_c.items → column:h19f_shared.lookup.id, index:h19f_shared.lookup_pkey",
    ],
  });
});
