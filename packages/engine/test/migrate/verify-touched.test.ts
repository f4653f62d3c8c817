import { formatError, groupSteps, type Plan, planWithTouches } from "@pg-flux/core";
import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration, type VerifyInput, verifyPlan, verifyTouched } from "../../src/index.js";

/**
 * Verification copies only what the plan touches (core touchedClosure): these control tests break
 * a plan the way a planner bug would, in ways the target would refuse only because of an object
 * outside the changed one — a view on a view of the retyped table, a foreign key of an untouched
 * table, a policy of another table — and check that the touched copy alone (verifyTouched, no
 * second try on the whole schema) still refuses it.
 */
const LIVE = `
create table users (id int primary key, email text, note text);
create table orders (id int primary key, user_id int references users (id));
create view user_emails as select id, email from users;
create view user_emails_upper as select id, upper(email) as email from user_emails;
create table unrelated (id int primary key, label text);
create index unrelated_label on unrelated (label);
create table unrelated_child (id int primary key, parent int references unrelated (id));
alter table orders enable row level security;
create policy recent_users on orders using (user_id in (select id from users where note is not null));
`;

const source = (text: string) => [{ name: "schema.sql", text }];

/** `plan` with the step at `index` replaced by `sql`, or removed when `sql` is null. */
function tampered(plan: Plan, index: number, sql: string | null): Plan {
  const steps = plan.steps.flatMap((step, i) =>
    i !== index ? [step] : sql === null ? [] : [{ ...step, sql }],
  );
  return { ...plan, steps, groups: groupSteps(steps) };
}

const caught = (run: Promise<unknown>) =>
  run.then(
    () => null,
    (error: unknown) => formatError(error),
  );

describe("verification of only what the plan touches still refuses what the target would", () => {
  const scratch = scratchHostForFile();

  /** The live schema LIVE with `edit` applied to it as the desired files, planned without verifying. */
  async function planned(db: TestDatabase, desired: string) {
    await db.query(LIVE);
    const migration = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
      options: { verify: false },
    });
    const { touches } = planWithTouches(migration.current, migration.desired);
    const input = (plan: Plan): VerifyInput => ({
      host: scratch(),
      current: migration.current,
      desired: migration.desired,
      plan,
      schemas: null,
      touches,
    });
    return { plan: migration.plan, input };
  }

  test("the planner's type change passes on the touched copy, which leaves unrelated tables out", async ({
    db,
  }) => {
    const { plan, input } = await planned(db, LIVE.replace("email text", "email varchar(200)"));
    // the planner drops the views on the column early and creates them again
    expect(plan.steps.filter((step) => /^DROP VIEW/.test(step.sql))).toHaveLength(2);
    const report = await verifyTouched(input(plan));
    expect(report.copy).toBe("touched");
    expect(report.copied).toBeLessThan(report.total);
  });

  test("a type change under views of the table fails on the touched copy", async ({ db }) => {
    // declarations of a comment: only the table; the views come from the closure
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    const broken = tampered(plan, 0, "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);");
    const error = await caught(verifyTouched(input(broken)));
    expect(error).toMatch(
      /failed on the scratch copy: .*cannot alter type of a column used by a view or rule/,
    );
  });

  test("dropping a key a foreign key of an untouched table uses fails on the touched copy", async ({
    db,
  }) => {
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    expect(plan.steps.map((step) => step.sql)).toEqual(["COMMENT ON COLUMN users.note IS 'free text';"]);
    expect((await verifyTouched(input(plan))).copy).toBe("touched");
    const broken = tampered(plan, 0, "ALTER TABLE users DROP CONSTRAINT users_pkey;");
    const error = await caught(verifyTouched(input(broken)));
    expect(error).toMatch(
      /failed on the scratch copy: .*constraint orders_user_id_fkey on table orders depends on/,
    );
  });

  test("a type change under another table's policy fails on the touched copy", async ({ db }) => {
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    const broken = tampered(plan, 0, "ALTER TABLE users ALTER COLUMN note TYPE varchar(20);");
    const error = await caught(verifyTouched(input(broken)));
    expect(error).toMatch(
      /failed on the scratch copy: .*cannot alter type of a column used in a policy definition/,
    );
  });

  test("a step that also drops dependents of another object is refused, naming what it took", async ({
    db,
  }) => {
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    const broken = tampered(plan, 0, "ALTER TABLE users DROP COLUMN email CASCADE;");
    const error = await caught(verifyTouched(input(broken)));
    expect(error).toMatch(/the plan does not reach the desired schema/);
    expect(error).toMatch(/CREATE VIEW user_emails_upper/);
    expect(error).toMatch(/ADD COLUMN email/);
  });

  test("ids neither state holds: the whole schema is copied, and the report says so", async ({ db }) => {
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    const report = await verifyPlan({
      ...input(plan),
      touches: { changed: ["table:public.nowhere"], dropped: [], required: [] },
    });
    expect(report.copy).toBe("full");
    expect(report.copied).toBe(report.total);
    expect(report.note).toMatch(/^plan verified on a copy of the whole schema: .*table:public\.nowhere/);
  });

  test("a touched copy that fails where the whole schema passes is confirmed on the whole schema", async ({
    db,
  }) => {
    const { plan, input } = await planned(db, `${LIVE}\ncomment on column users.note is 'free text';`);
    // declarations that leave out the table the step comments on: a closure that missed something
    const wrong = { changed: ["table:public.unrelated"], dropped: [], required: [] };
    const alone = await caught(verifyTouched({ ...input(plan), touches: wrong }));
    expect(alone).toMatch(/failed on the scratch copy: .*relation "users" does not exist/);
    const report = await verifyPlan({ ...input(plan), touches: wrong });
    expect(report.copy).toBe("full");
    expect(report.note).toMatch(/a pg-flux bug, please report it.*relation "users" does not exist/);
  });

  test("planMigration verifies on the touched copy and reports it", async ({ db }) => {
    await db.query(LIVE);
    const migration = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(`${LIVE}\ncreate index users_note on users (note);`),
    });
    expect(migration.verification?.copy).toBe("touched");
    expect(migration.verification?.copied).toBeLessThan(migration.verification?.total ?? 0);
    expect(migration.warnings.join("\n")).not.toMatch(/whole schema/);
  });
});
