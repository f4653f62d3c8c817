import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { digestOf, type SavedPlan } from "../src/saved-plan.js";
import { cli, workdir } from "./helpers.js";

/**
 * A saved plan is checked, not trusted (finding 8 of issue 14): `migrate apply --plan` refuses a
 * file whose content does not match its digest, and — since anyone can compute a digest — judges
 * the steps' SQL against the live database and gates on what it finds, whatever hazards the file
 * lists. Both edits below add `DROP TABLE users` to a reviewed plan; neither runs.
 */

async function savedPlanDir(db: { url: string; query: (sql: string) => Promise<unknown> }) {
  await db.query(`create table users (id int primary key, email text);
    insert into users select i, 'u' || i from generate_series(1, 100) i;`);
  const dir = workdir({ "schema.sql": "CREATE TABLE users (id int PRIMARY KEY, email text, note text);\n" });
  const planned = await cli(
    ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql", "--out", "plan.json"],
    { cwd: dir },
  );
  expect(planned.code).toBe(0);
  const file = path.join(dir, "plan.json");
  const saved = JSON.parse(readFileSync(file, "utf8")) as SavedPlan;
  expect(saved).toMatchObject({
    kind: "pg-flux.plan",
    version: 2,
    digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
  });
  return { dir, file, saved };
}

/** The saved plan with `DROP TABLE users;` appended as a step that lists no hazard. */
function withDropTable(saved: SavedPlan): SavedPlan {
  const steps = [
    ...saved.plan.steps,
    {
      id: "drop_table:table:public.users",
      kind: "drop_table",
      sql: "DROP TABLE users;",
      objectId: "table:public.users",
      transaction: "transactional" as const,
      lock: null,
      hazards: [],
      priority: 85,
      dependsOn: [],
      longRunning: false,
    },
  ];
  return {
    ...saved,
    plan: {
      ...saved.plan,
      steps,
      groups: [{ transaction: "transactional" as const, steps: steps.map((_, i) => i) }],
    },
  };
}

/** The users table's row count and columns, in order. */
async function usersTable(db: { query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }> }) {
  const count = await db.query("select count(*)::int as n from users");
  const columns = await db.query(
    "select column_name from information_schema.columns where table_name = 'users' order by ordinal_position",
  );
  return { rows: count.rows[0]?.n, columns: columns.rows.map((r) => r.column_name) };
}

describe("migrate apply --plan checks the file", () => {
  test("on a TTY the plan is judged, shown and asked about inside the apply, under its lock", async ({
    db,
  }) => {
    const { dir } = await savedPlanDir(db);
    const sessions = async (application: string, lock: boolean) =>
      (
        await db.query(
          `select count(*)::int as n from pg_stat_activity a
            where a.datname = current_database() and a.application_name = $1
              and (not $2 or exists (select from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted))`,
          [application, lock],
        )
      ).rows[0]?.n;
    const atPrompt: unknown[] = [];
    const result = await cli(["migrate", "apply", "--database-url", db.url, "--plan", "plan.json"], {
      cwd: dir,
      isTTY: true,
      prompt: async () => {
        atPrompt.push(await sessions("pg-flux apply", true), await sessions("pg-flux inspect", false));
        return "y";
      },
    });
    expect(result.prompts).toEqual(["Apply 1 step? [y/N] "]);
    // asked while the apply holds its lock, with no other session reading the schema
    expect(atPrompt).toEqual([1, 0]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("ALTER TABLE users ADD COLUMN note text;");
    expect(await usersTable(db)).toEqual({ rows: 100, columns: ["id", "email", "note"] });
  });

  test("an edited step with the digest left as it was: refused (exit 3), nothing applied", async ({ db }) => {
    const { dir, file, saved } = await savedPlanDir(db);
    writeFileSync(file, JSON.stringify(withDropTable(saved), null, 2));
    const result = await cli(["migrate", "apply", "--database-url", db.url, "--plan", "plan.json"], {
      cwd: dir,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^Error: refusing to apply plan\.json: its content does not match its digest \(the file says sha256:[0-9a-f]{64}, its content hashes to sha256:[0-9a-f]{64}\): it was changed after pg-flux saved it\n {2}hint: make a new plan with pg-flux migrate plan --out plan\.json and review it\n$/,
    );
    expect(await usersTable(db)).toEqual({ rows: 100, columns: ["id", "email"] });
  });

  test("the digest recomputed but DATA_LOSS left out: the steps' own SQL blocks it without --allow-hazards", async ({
    db,
  }) => {
    const { dir, file, saved } = await savedPlanDir(db);
    const edited = withDropTable(saved);
    writeFileSync(file, JSON.stringify({ ...edited, digest: digestOf(edited) }, null, 2));
    const result = await cli(
      ["migrate", "apply", "--database-url", db.url, "--plan", "plan.json", "--format", "sql"],
      { cwd: dir },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      [
        "Error: refusing to apply: blocking hazards; pass --allow-hazards or change schema",
        "  DATA_LOSS at step 2 (drop_table:table:public.users): found in its SQL: DROP TABLE users drops the table with its rows",
        "      DROP TABLE users;",
        "To proceed: pass --allow-hazards=DATA_LOSS",
      ].join("\n"),
    );
    // the first, harmless step did not run either
    expect(await usersTable(db)).toEqual({ rows: 100, columns: ["id", "email"] });
    // a dry run is refused as the apply is: the SQL is judged before anything is shown
    const dry = await cli(
      ["migrate", "apply", "--database-url", db.url, "--plan", "plan.json", "--dry-run"],
      {
        cwd: dir,
      },
    );
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain("DATA_LOSS at step 2 (drop_table:table:public.users): found in its SQL:");
    // gated like a fresh plan: allowing the kind found is what lets it run
    const allowed = await cli(
      ["migrate", "apply", "--database-url", db.url, "--plan", "plan.json", "--allow-hazards=DATA_LOSS"],
      { cwd: dir },
    );
    expect(allowed.code).toBe(0);
    expect((await db.query("select to_regclass('users') as t")).rows).toEqual([{ t: null }]);
  });

  test("a plan without a digest (older pg-flux, or a bare plan) is refused; an unedited one applies", async ({
    db,
  }) => {
    const { dir, file, saved } = await savedPlanDir(db);
    writeFileSync(path.join(dir, "bare.json"), JSON.stringify(saved.plan));
    const bare = await cli(["migrate", "apply", "--database-url", db.url, "--plan", "bare.json"], {
      cwd: dir,
    });
    expect(bare.code).toBe(3);
    expect(bare.stderr).toContain(
      "Error: refusing to apply bare.json: it carries no digest, so pg-flux cannot tell whether it was changed after it was planned",
    );
    writeFileSync(file, JSON.stringify(saved)); // laid out differently, same content: the digest still holds
    const applied = await cli(["migrate", "apply", "--database-url", db.url, "--plan", "plan.json"], {
      cwd: dir,
    });
    expect(applied.code).toBe(0);
    expect(await usersTable(db)).toEqual({ rows: 100, columns: ["id", "email", "note"] });
  });
});
