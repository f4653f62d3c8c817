import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

/**
 * Objects a plan creates get the default privileges of the role the plan runs as (issue 15, class
 * 7). The target's role here may not create databases, so the desired state and the verification
 * copy go to an embedded server, where that role is a placeholder: the copy must run the plan as it
 * too, or the new routine gets PUBLIC's EXECUTE there and verification reports a leftover REVOKE.
 */
describe("default privileges of the role the plan runs as", () => {
  test("planned, verified on an embedded copy, applied, re-planned empty", { timeout: 180_000 }, async ({
    db,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const [app, reader, shop] = [`pgflux_app_${suffix}`, `pgflux_reader_${suffix}`, `shop_${suffix}`];
    await db.query(`create role ${app} login password 'x' nocreatedb; create role ${reader} nologin`);
    await db.query(`create schema ${shop} authorization ${app}`);
    const url = new URL(db.url);
    url.username = app;
    url.password = "x";
    const target = url.toString();
    const adp = [
      "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
      `ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ${reader};`,
    ].join("\n");
    const desired = [
      adp,
      `CREATE SCHEMA ${shop};`,
      `SET search_path TO ${shop};`,
      "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL);",
      `REVOKE SELECT ON items FROM ${reader};`,
      "CREATE TABLE item_log (id int);",
      "CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM items $$;",
      "GRANT EXECUTE ON FUNCTION item_count() TO PUBLIC;",
      "CREATE FUNCTION total_qty() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(qty) FROM items $$;",
    ].join("\n");
    const plan = () =>
      planMigration({ databaseUrl: target, schemas: [shop], sources: [{ name: "s.sql", text: desired }] });
    try {
      const client = await db.connect();
      try {
        await client.query(`set role ${app}`);
        await client.query(adp);
      } finally {
        await client.end();
      }
      const planned = await plan();
      const grants = planned.plan.steps.map((step) => step.sql).filter((sql) => /^(GRANT|REVOKE)/.test(sql));
      expect(grants.sort()).toEqual([
        `GRANT EXECUTE ON FUNCTION ${shop}.item_count() TO PUBLIC;`,
        `REVOKE SELECT ON TABLE ${shop}.items FROM ${reader};`,
      ]);
      const applied = await applyMigration({ databaseUrl: target, schemas: [shop], plan: planned.plan });
      expect(applied.status, JSON.stringify(applied).slice(0, 600)).toBe("applied");
      const { rows } = await db.query(
        `select has_function_privilege('public', '${shop}.total_qty()', 'EXECUTE') as public_total,
                has_function_privilege('public', '${shop}.item_count()', 'EXECUTE') as public_count,
                has_table_privilege('${reader}', '${shop}.items', 'SELECT') as reader_items,
                has_table_privilege('${reader}', '${shop}.item_log', 'SELECT') as reader_log`,
      );
      expect(rows).toEqual([
        { public_total: false, public_count: true, reader_items: false, reader_log: true },
      ]);
      const again = await plan();
      expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
    } finally {
      // one role at a time: DROP OWNED BY both at once trips over the default ACL entry they share
      await db.query(`drop owned by ${app}`);
      await db.query(`drop owned by ${reader}; drop role ${app}; drop role ${reader}`);
      await db.query(`drop schema if exists ${shop} cascade`);
    }
  });
});
