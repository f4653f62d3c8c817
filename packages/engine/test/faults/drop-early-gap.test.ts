/**
 * Issue 14, finding 4: views and materialized views dropped early around a column type change were
 * dropped in one committed group and created again in a later one, after an autocommit step; when
 * that step failed (a VALIDATE finding bad rows, an enum ADD VALUE that could not lock), they stayed
 * dropped. Now autocommit steps run outside that window: the failure leaves them in place, and one
 * re-run (after the data fix) finishes.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, nextStep } from "../../src/index.js";
import {
  applyFailing,
  count,
  exists,
  FAULT_TEST_TIMEOUT_MS,
  locksLeft,
  plan,
  whileHolding,
} from "./resume-support.js";

describe("a failure after views were dropped early", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  test("the NOT NULL pattern's VALIDATE finds NULLs: the views stay, the fix is named, one re-run finishes", async ({
    db,
  }) => {
    await db.query(`
      create table accounts (id bigint primary key, email varchar(50) not null, tenant_id int);
      insert into accounts
        select g, 'a' || g || '@x' || (g % 3) || '.com', case when g % 1000 = 0 then null else g % 7 end
        from generate_series(1, 20000) g;
      analyze accounts;
      create view account_emails as select id, email, tenant_id from accounts;
      create materialized view account_domains as
        select split_part(email, '@', 2) as domain, count(*) as n from accounts group by 1;`);
    const desired = `
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, tenant_id int NOT NULL);
CREATE VIEW account_emails AS SELECT id, email, tenant_id FROM accounts;
CREATE MATERIALIZED VIEW account_domains AS
  SELECT split_part(email, '@', 2) AS domain, count(*) AS n FROM accounts GROUP BY 1;`;
    const first = await plan(db, desired);
    const kinds = first.plan.steps.map((s) => s.kind);
    expect(kinds).toContain("drop_view_early");
    expect(kinds).toContain("drop_materialized_view_early");
    // every autocommit step lies outside the drop … create window
    const firstDrop = kinds.findIndex((k) => k.endsWith("_early"));
    const lastCreate = first.plan.steps.findLastIndex((s) => /^CREATE (MATERIALIZED )?VIEW/.test(s.sql));
    const autocommit = first.plan.steps.flatMap((s, i) => (s.transaction === "autocommit" ? [i] : []));
    expect(autocommit.length).toBeGreaterThan(0);
    expect(autocommit.every((i) => i < firstDrop || i > lastCreate)).toBe(true);

    // the materialized view is filled again under its lock
    const allowHazards = ["LONG_LOCK"] as const;
    const failed = await applyFailing(db, first.plan, { allowHazards });
    expect(failed.failure.step.kind).toBe("validate_not_null_check");
    expect(failed.failure.sqlState).toBe("23514");
    expect(failed.failure.remedy).toBe("fix_data");
    expect(failed.message).toContain("some rows hold NULL in the column being made NOT NULL");
    expect(nextStep(failed.failure)).toMatch(/^The data must be fixed first/);
    expect(await exists(db, "account_emails")).toBe(true);
    expect(await exists(db, "account_domains")).toBe(true);
    expect(await count(db, "account_emails")).toBe(20000);
    expect(await locksLeft(db, "accounts")).toBe(0);

    await db.query("update accounts set tenant_id = 0 where tenant_id is null");
    const again = await plan(db, desired);
    // the helper CHECK left NOT VALID is validated, not dropped and added again
    expect(again.plan.steps[0]?.sql).toBe(
      "ALTER TABLE accounts VALIDATE CONSTRAINT chk_accounts_tenant_id_notnull;",
    );
    expect(again.plan.steps.some((s) => /ADD CONSTRAINT/.test(s.sql))).toBe(false);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan, allowHazards })).status).toBe(
      "applied",
    );
    expect(await count(db, "account_emails")).toBe(20000);
    expect(await count(db, "account_domains")).toBe(3);
    expect((await plan(db, desired)).plan.steps).toEqual([]);
  });

  test("an enum ADD VALUE that cannot take its lock: the view that uses the type stays", async ({ db }) => {
    await db.query(`
      create type mood as enum ('ok', 'sad');
      create table notes (id bigint primary key, body varchar(50) not null, mood mood not null);
      insert into notes select g, 'note ' || g, case when g % 2 = 0 then 'ok'::mood else 'sad'::mood end
        from generate_series(1, 1000) g;
      create view happy_notes as select id, body from notes where mood = 'ok';`);
    const desired = `
CREATE TYPE mood AS ENUM ('ok', 'sad', 'meh');
CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, mood mood NOT NULL);
CREATE VIEW happy_notes AS SELECT id, body FROM notes WHERE mood = 'ok';`;
    const first = await plan(db, desired);
    const sql = first.plan.steps.map((s) => s.sql);
    expect(sql.indexOf("ALTER TYPE mood ADD VALUE 'meh';")).toBeLessThan(
      sql.indexOf("DROP VIEW happy_notes;"),
    );

    // another session holds a lock on the type: ADD VALUE times out
    await whileHolding(db, "comment on type mood is 'busy'", async () => {
      const failed = await applyFailing(db, first.plan, { limits: { lockTimeout: "200ms", lockRetries: 0 } });
      expect(failed.failure.step.sql).toBe("ALTER TYPE mood ADD VALUE 'meh';");
      expect(failed.failure.remedy).toBe("rerun");
      expect(await exists(db, "happy_notes")).toBe(true);
      expect(await count(db, "happy_notes")).toBe(500);
    });
    const again = await plan(db, desired);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan })).status).toBe("applied");
    expect(await count(db, "happy_notes")).toBe(500);
    expect(await locksLeft(db, "notes")).toBe(0);
    expect((await plan(db, desired)).plan.steps).toEqual([]);
  });
});
