import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

/**
 * A failure injected mid-plan, then a re-run (which re-plans from the live state) completes the
 * migration with nothing lost.
 */
const source = (text: string) => [{ name: "schema.sql", text }];

const USERS_ORDERS = `
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));
`;

async function count(db: { query: (sql: string) => Promise<{ rows: { n: string }[] }> }, table: string) {
  return Number((await db.query(`select count(*)::text as n from ${table}`)).rows[0]?.n);
}

/** One embedded server for the file's plans (a plan's own start is tested in plan-phases.test.ts). */
const scratch = scratchHostForFile();

describe("failure mid-plan, then a re-run", () => {
  test("VALIDATE fails on bad rows; the re-run only validates the NOT VALID constraint", async ({ db }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null);
      create table orders (id bigint primary key, user_id bigint not null);
      insert into users values (1, 'a@example.com');
      insert into orders values (1, 1), (2, 999);`);
    const first = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(USERS_ORDERS),
    });
    const kinds = first.plan.steps.map((s) => s.sql);
    expect(kinds.some((sql) => /NOT VALID;$/.test(sql))).toBe(true);
    expect(kinds.some((sql) => /VALIDATE CONSTRAINT/.test(sql))).toBe(true);

    const failed = await applyMigration({ databaseUrl: db.url, plan: first.plan });
    expect(failed.status).toBe("failed");
    if (failed.status !== "failed") return;
    expect(failed.failure?.step.sql).toMatch(/VALIDATE CONSTRAINT/);
    expect(failed.failure?.sqlState).toBe("23503");
    expect(failed.applied.length).toBeGreaterThan(0);
    const { rows } = await db.query<{ convalidated: boolean }>(
      "select convalidated from pg_constraint where contype = 'f' and conrelid = 'orders'::regclass",
    );
    expect(rows).toEqual([{ convalidated: false }]);

    // the user fixes the data without losing any of it
    await db.query("insert into users values (999, 'restored@example.com')");
    const second = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(USERS_ORDERS),
    });
    expect(second.plan.steps.map((s) => s.sql)).toEqual([
      expect.stringMatching(/^ALTER TABLE orders VALIDATE CONSTRAINT \w+;$/),
    ]);
    const done = await applyMigration({ databaseUrl: db.url, plan: second.plan });
    expect(done.status).toBe("applied");
    const after = await db.query<{ convalidated: boolean }>(
      "select convalidated from pg_constraint where contype = 'f' and conrelid = 'orders'::regclass",
    );
    expect(after.rows).toEqual([{ convalidated: true }]);
    expect(await count(db, "orders")).toBe(2);
    expect(await count(db, "users")).toBe(2);
    const third = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(USERS_ORDERS),
    });
    expect(third.plan.steps).toEqual([]);
  });

  test("a lock held by another session hits lock_timeout; the re-run completes", async ({ db }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null);
      insert into users select g, 'u' || g || '@example.com' from generate_series(1, 100) g;`);
    const desired = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, note text);";
    const planned = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(planned.plan.steps.map((s) => s.sql)).toEqual(["ALTER TABLE users ADD COLUMN note text;"]);

    const holder = await db.connect();
    await holder.query("begin; select count(*) from users");
    const failed = await applyMigration({
      databaseUrl: db.url,
      plan: planned.plan,
      limits: { lockTimeout: "100ms", lockRetries: 1, retryDelayMs: { initial: 50, max: 50 } },
    });
    expect(failed.status).toBe("failed");
    if (failed.status !== "failed") return;
    expect(failed.failure?.lockTimeout).toBe(true);
    expect(failed.failure?.attempts).toBe(2);
    expect(failed.message).toMatch(/could not take its lock within lock_timeout after 2 attempts/);
    expect(failed.notRun).toEqual([0]);
    await holder.query("rollback");

    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    const done = await applyMigration({ databaseUrl: db.url, plan: again.plan });
    expect(done.status).toBe("applied");
    expect(await count(db, "users")).toBe(100);
    const columns = await db.query(
      "select 1 from information_schema.columns where table_name = 'users' and column_name = 'note'",
    );
    expect(columns.rowCount).toBe(1);
  });

  test("an invalid index left by a failed concurrent build is dropped and rebuilt by the re-run", async ({
    db,
  }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null);
      insert into users values (1, 'a@example.com'), (2, 'a@example.com');`);
    const desired = `${"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"}\nCREATE UNIQUE INDEX users_email_key ON users (email);`;
    const planned = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(
      planned.plan.steps.some((s) => /CREATE UNIQUE INDEX CONCURRENTLY users_email_key/.test(s.sql)),
    ).toBe(true);
    const failed = await applyMigration({ databaseUrl: db.url, plan: planned.plan });
    expect(failed.status).toBe("failed");
    if (failed.status !== "failed") return;
    expect(failed.failure?.sqlState).toBe("23505");
    const invalid = await db.query<{ valid: boolean }>(
      "select indisvalid as valid from pg_index where indexrelid = 'users_email_key'::regclass",
    );
    expect(invalid.rows).toEqual([{ valid: false }]);

    await db.query("update users set email = 'b@example.com' where id = 2");
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    const sql = again.plan.steps.map((s) => s.sql);
    expect(sql.some((s) => /DROP INDEX .*users_email_key/.test(s))).toBe(true);
    expect(sql.some((s) => /CREATE UNIQUE INDEX CONCURRENTLY users_email_key/.test(s))).toBe(true);
    const done = await applyMigration({ databaseUrl: db.url, plan: again.plan, allowHazards: ["LONG_LOCK"] });
    expect(done.status).toBe("applied");
    const valid = await db.query<{ valid: boolean }>(
      "select indisvalid as valid from pg_index where indexrelid = 'users_email_key'::regclass",
    );
    expect(valid.rows).toEqual([{ valid: true }]);
    expect(await count(db, "users")).toBe(2);
  });
});

describe("planMigration", () => {
  test("verifies the plan on a scratch copy by default, and can skip it", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email_address text not null)");
    const desired =
      "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL -- @renamed from=email_address\n);";
    const verified = await planMigration({ databaseUrl: db.url, sources: source(desired) });
    expect(verified.plan.steps.map((s) => s.sql)).toEqual([
      "ALTER TABLE users RENAME COLUMN email_address TO email;",
    ]);
    const unverified = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
      options: { verify: false },
    });
    expect(unverified.plan.steps).toEqual(verified.plan.steps);
  });

  test.for([
    ["embedded", false],
    ["shadow", true],
  ] as const)(
    "verification copies owners (%s): a grant to a role that is not the owner live is not left over",
    async ([, shadow], { db }) => {
      // supabase's shape: a schema owned by an admin role, with USAGE granted to the connecting role
      const admin = `flux_storage_admin_${db.name.slice(-8)}`;
      await db.query(`create role ${admin} nologin`);
      try {
        const user = (await db.query<{ u: string }>("select current_user as u")).rows[0]?.u ?? "";
        const schema = `CREATE SCHEMA storage AUTHORIZATION ${admin};\nGRANT USAGE ON SCHEMA storage TO ${user};\n`;
        await db.query(schema);
        const desired = `${schema}CREATE TABLE storage.objects (id bigint PRIMARY KEY);\n`;
        const { plan } = await planMigration({
          ...(shadow ? { shadowUrl: db.server.adminUrl } : { scratchHost: scratch() }),
          databaseUrl: db.url,
          sources: source(desired),
        });
        expect(plan.steps.map((s) => s.kind)).toEqual(["create_table"]);
      } finally {
        await db.query(`drop schema if exists storage cascade; drop role ${admin}`);
      }
    },
  );

  test("a rename hint whose old and new names both exist is invalid input", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email_address text, email text)");
    const desired =
      "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text -- @renamed from=email_address\n);";
    const error = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input" });
    expect(String(error)).toContain("rename hint conflicts with the database");
  });
});
