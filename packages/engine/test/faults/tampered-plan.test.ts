import {
  DEFAULT_PLAN_OPTIONS,
  fingerprint,
  groupSteps,
  type HazardKind,
  type Plan,
  type Step,
} from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";
import { type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration } from "../../src/run/apply.js";

/**
 * Saved plans are not trusted as written (finding 8 of issue 14): a hand-edited plan.json ran
 * `DROP TABLE` without --allow-hazards because the gate read the hazards the file listed. Now apply
 * judges every step's SQL against the live database before it runs anything, and gates on what it
 * finds. Each case below strips the hazards from a step that carries some; apply must refuse it
 * without touching the 20 000 rows. Unedited safe statements still apply.
 */

const SCHEMA = `
  create table users (id int primary key, email text, code varchar(10), n int);
  insert into users select i, 'u' || i || '@example.com', 'c' || i, i from generate_series(1, 20000) i;
  analyze users;
  create table fresh (n int) with (autovacuum_enabled = false);
  insert into fresh select i from generate_series(1, 10) i;`;

/** A plan with no steps made for the database as it is now (its fingerprint): the base of each edit. */
async function emptyPlan(db: TestDatabase): Promise<Plan> {
  const current = fingerprint(await inspect(db.url));
  return {
    formatVersion: 1,
    steps: [],
    groups: [],
    currentFingerprint: current,
    desiredFingerprint: current,
    options: DEFAULT_PLAN_OPTIONS,
    warnings: [],
  };
}

/** `plan` with its steps replaced by hand-written ones that list no hazards. */
function tampered(plan: Plan, statements: readonly (string | [string, "autocommit"])[]): Plan {
  const steps: Step[] = statements.map((statement, index) => {
    const [sql, mode] = typeof statement === "string" ? [statement, "transactional" as const] : statement;
    return {
      id: `edited:${index}`,
      kind: "edited",
      sql,
      objectId: "table:public.users",
      transaction: mode,
      lock: null,
      hazards: [],
      priority: 0,
      dependsOn: [],
      longRunning: false,
    };
  });
  return { ...plan, steps, groups: groupSteps(steps) };
}

async function usersIntact(db: TestDatabase): Promise<void> {
  const { rows } = await db.query<{ n: number; emails: number }>(
    "select count(*)::int as n, count(email)::int as emails from users",
  );
  expect(rows[0]).toEqual({ n: 20000, emails: 20000 });
  const columns = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
    "select column_name, data_type, is_nullable from information_schema.columns where table_name = 'users' order by ordinal_position",
  );
  expect(columns.rows.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
    "id integer NO",
    "email text YES",
    "code character varying YES",
    "n integer YES",
  ]);
}

const CASES: readonly {
  readonly sql: (string | [string, "autocommit"])[];
  readonly kinds: readonly HazardKind[];
}[] = [
  { sql: ["DROP TABLE users;"], kinds: ["DATA_LOSS"] },
  { sql: ["DROP TABLE public.users CASCADE;"], kinds: ["DATA_LOSS"] },
  { sql: ["ALTER TABLE users DROP COLUMN email;"], kinds: ["DATA_LOSS"] },
  // a rename first does not hide the table or the column
  {
    sql: ["ALTER TABLE users RENAME TO people;", "ALTER TABLE people DROP COLUMN email;"],
    kinds: ["DATA_LOSS"],
  },
  {
    sql: ["ALTER TABLE users RENAME COLUMN email TO mail;", "ALTER TABLE users DROP COLUMN mail;"],
    kinds: ["DATA_LOSS"],
  },
  // a SET changes what the names after it mean (or who runs them)
  {
    sql: ["SET search_path = pg_catalog, public;", "ALTER TABLE users DROP COLUMN email;"],
    kinds: ["DATA_LOSS"],
  },
  // a table pg-flux cannot find is judged as if it held rows
  { sql: ["ALTER TABLE elsewhere DROP COLUMN email;"], kinds: ["DATA_LOSS"] },
  { sql: ["DELETE FROM users;"], kinds: ["DATA_LOSS"] },
  { sql: ["TRUNCATE users;"], kinds: ["DATA_LOSS"] },
  { sql: ["UPDATE users SET email = NULL;"], kinds: ["DATA_LOSS"] },
  { sql: ["DO $$ BEGIN DELETE FROM users; END $$;"], kinds: ["DATA_LOSS"] },
  { sql: ["SELECT pg_terminate_backend(pid) FROM pg_stat_activity;"], kinds: ["DATA_LOSS"] },
  {
    sql: ["ALTER TABLE users ALTER COLUMN email TYPE varchar(3);"],
    kinds: ["TABLE_REWRITE", "LONG_LOCK", "DATA_LOSS"],
  },
  { sql: ["ALTER TABLE users ALTER COLUMN n TYPE bigint;"], kinds: ["TABLE_REWRITE", "LONG_LOCK"] },
  { sql: ["ALTER TABLE users ALTER COLUMN n SET NOT NULL;"], kinds: ["LONG_LOCK"] },
  // never analyzed (reltuples -1): its size is unknown, so it counts as large
  { sql: ["ALTER TABLE fresh ALTER COLUMN n SET NOT NULL;"], kinds: ["LONG_LOCK"] },
  { sql: ["ALTER TABLE users ADD CONSTRAINT n_positive CHECK (n > 0);"], kinds: ["LONG_LOCK"] },
  { sql: ["ALTER TABLE users ADD CONSTRAINT email_unique UNIQUE (email);"], kinds: ["LONG_LOCK"] },
  { sql: ["ALTER TABLE users SET UNLOGGED;"], kinds: ["TABLE_REWRITE", "LONG_LOCK"] },
  { sql: ["VACUUM FULL users;"], kinds: ["TABLE_REWRITE", "LONG_LOCK"] },
];

describe("a saved plan whose hazards were stripped", () => {
  test("every dangerous statement is found again from its SQL and refused; the rows stay", async ({ db }) => {
    await db.query(SCHEMA);
    const base = await emptyPlan(db);
    for (const { sql, kinds } of CASES) {
      const plan = tampered(base, sql);
      const result = await applyMigration({ databaseUrl: db.url, plan });
      expect({ sql, status: result.status }).toEqual({ sql, status: "refused" });
      if (result.status !== "refused") continue;
      expect(result.reason).toBe("blocking_hazards");
      expect([...new Set(result.hazards.map((h) => h.hazard.kind))].sort()).toEqual([...kinds].sort());
      expect(result.message).toMatch(
        /^refusing to apply: blocking hazards; pass --allow-hazards or change schema\n/,
      );
      expect(result.hazards.every((h) => h.hazard.reason.startsWith("found in its SQL: "))).toBe(true);
    }
    await usersIntact(db);
  }, 180_000);

  test("the refusal names the step and why; allowing the kind lets it run", async ({ db }) => {
    await db.query(SCHEMA);
    await db.query("create table old_notes (id int)");
    const plan = tampered(await emptyPlan(db), [
      "ALTER TABLE users ADD COLUMN note text;",
      "DROP TABLE old_notes;",
    ]);
    const refused = await applyMigration({ databaseUrl: db.url, plan });
    expect(refused.status).toBe("refused");
    if (refused.status === "refused")
      expect(refused.message).toBe(
        [
          "refusing to apply: blocking hazards; pass --allow-hazards or change schema",
          "  DATA_LOSS at step 2 (edited:1): found in its SQL: DROP TABLE old_notes drops the table with its rows",
          "      DROP TABLE old_notes;",
          "To proceed: pass --allow-hazards=DATA_LOSS",
        ].join("\n"),
      );
    expect((await db.query("select to_regclass('old_notes') as t")).rows[0]?.t).toBe("old_notes");
    const allowed = await applyMigration({ databaseUrl: db.url, plan, allowHazards: ["DATA_LOSS"] });
    expect(allowed.status).toBe("applied");
    expect((await db.query("select to_regclass('old_notes') as t")).rows[0]?.t).toBeNull();
  }, 120_000);

  test("statements that carry no blocking hazard apply as written", async ({ db }) => {
    await db.query(SCHEMA);
    const plan = tampered(await emptyPlan(db), [
      "ALTER TABLE users ALTER COLUMN code TYPE varchar(20);",
      "ALTER TABLE users ADD CONSTRAINT n_positive CHECK (n > 0) NOT VALID;",
      ["ALTER TABLE users VALIDATE CONSTRAINT n_positive;", "autocommit"],
      "ALTER TABLE users ADD COLUMN note text DEFAULT 'x';",
      "CREATE TABLE audit (id int PRIMARY KEY, what text);",
      "CREATE INDEX audit_what_idx ON audit (what);",
      "ALTER TABLE audit ALTER COLUMN what SET NOT NULL;",
      "DROP TABLE audit;",
      ["CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", "autocommit"],
    ]);
    const result = await applyMigration({ databaseUrl: db.url, plan });
    expect(result.status).toBe("applied");
    const { rows } = await db.query("select count(*)::int as n, count(note)::int as notes from users");
    expect(rows[0]).toEqual({ n: 20000, notes: 20000 });
  }, 120_000);

  test('a dot inside a name does not confuse tables: "a.b".c is never a."b.c"', async ({ db }) => {
    // both tables would be keyed `a.b.c` if schema and name were joined with a dot: the big one
    // must be judged by its own rows whatever the plan did to the small one (or created) before
    await db.query(`
      create schema "a.b";
      create schema a;
      create table "a.b".c (x int);
      insert into "a.b".c select i from generate_series(1, 20000) i;
      create table a."b.c" (x int);
      insert into a."b.c" select i from generate_series(1, 5) i;
      analyze "a.b".c;
      analyze a."b.c";`);
    const base = await emptyPlan(db);
    // each case: its statements, one step each, and the blocking hazards found, as "step kind"
    const cases: readonly { readonly sql: string[]; readonly found: readonly string[] }[] = [
      // a table the plan creates (no rows at stake) must not hide the live one's rows
      {
        sql: ['DROP TABLE a."b.c";', 'CREATE TABLE a."b.c" (x int);', 'DROP TABLE "a.b".c;'],
        found: ["0 DATA_LOSS", "2 DATA_LOSS"],
      },
      {
        sql: [
          'DROP TABLE a."b.c";',
          'CREATE TABLE a."b.c" (x int);',
          'ALTER TABLE "a.b".c ALTER COLUMN x TYPE bigint;',
        ],
        found: ["0 DATA_LOSS", "2 LONG_LOCK", "2 TABLE_REWRITE"],
      },
      // a rename keeps the table in its own schema, with its columns: int → bigint only rewrites
      {
        sql: ['ALTER TABLE "a.b".c RENAME TO d;', 'ALTER TABLE "a.b".d ALTER COLUMN x TYPE bigint;'],
        found: ["1 LONG_LOCK", "1 TABLE_REWRITE"],
      },
      // the small table, touched first, must not stand in for the big one
      {
        sql: ['ALTER TABLE a."b.c" ADD COLUMN y int;', 'ALTER TABLE "a.b".c ALTER COLUMN x SET NOT NULL;'],
        found: ["1 LONG_LOCK"],
      },
    ];
    for (const { sql, found } of cases) {
      const result = await applyMigration({ databaseUrl: db.url, plan: tampered(base, sql) });
      const hazards =
        result.status !== "refused"
          ? result.status
          : result.reason === "blocking_hazards"
            ? result.hazards.map((h) => `${h.stepIndex} ${h.hazard.kind}`).sort()
            : result.reason;
      expect({ sql, hazards }).toEqual({ sql, hazards: [...found].sort() });
    }
    // judged against its own rows: the big table's SET NOT NULL names them, not "unknown size"
    const setNotNull = await applyMigration({
      databaseUrl: db.url,
      plan: tampered(base, [
        'ALTER TABLE a."b.c" ADD COLUMN y int;',
        'ALTER TABLE "a.b".c ALTER COLUMN x SET NOT NULL;',
      ]),
    });
    expect(setNotNull.status === "refused" && setNotNull.hazards.map((h) => h.hazard.reason)).toEqual([
      'found in its SQL: SET NOT NULL on "a.b".c.x scans about 20000 rows under ACCESS EXCLUSIVE (no validated CHECK (x IS NOT NULL) before it)',
    ]);
    const { rows } = await db.query<{ big: number; small: number }>(
      'select (select count(*)::int from "a.b".c) as big, (select count(*)::int from a."b.c") as small',
    );
    expect(rows[0]).toEqual({ big: 20000, small: 5 });
    const columns = await db.query<{ at: string }>(
      "select table_schema || ' ' || table_name || ' ' || column_name || ' ' || is_nullable as at from information_schema.columns where table_schema in ('a', 'a.b') order by 1",
    );
    expect(columns.rows.map((c) => c.at)).toEqual(["a b.c x YES", "a.b c x YES"]);
  }, 180_000);

  test("a NOT NULL helper a failed run left NOT VALID: validated before SET NOT NULL, no scan is found", async ({
    db,
  }) => {
    await db.query(SCHEMA);
    await db.query("alter table users add constraint users_n_not_null check (n is not null) not valid");
    const unvalidated = tampered(await emptyPlan(db), ["ALTER TABLE users ALTER COLUMN n SET NOT NULL;"]);
    const refused = await applyMigration({ databaseUrl: db.url, plan: unvalidated });
    expect(refused.status === "refused" && refused.hazards.map((h) => h.hazard.kind)).toEqual(["LONG_LOCK"]);
    const resumed = tampered(await emptyPlan(db), [
      ["ALTER TABLE users VALIDATE CONSTRAINT users_n_not_null;", "autocommit"],
      "ALTER TABLE users ALTER COLUMN n SET NOT NULL;",
      "ALTER TABLE users DROP CONSTRAINT users_n_not_null;",
    ]);
    const applied = await applyMigration({ databaseUrl: db.url, plan: resumed });
    expect(applied.status).toBe("applied");
    const { rows } = await db.query(
      "select is_nullable from information_schema.columns where table_name = 'users' and column_name = 'n'",
    );
    expect(rows).toEqual([{ is_nullable: "NO" }]);
  }, 120_000);
});
