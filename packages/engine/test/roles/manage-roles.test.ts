import { diffRoles, formatError, InvalidInputError, MissingRolesError } from "@pg-flux/core";
import { inspectRoles, withConnection } from "@pg-flux/inspector";
import { type TestDatabase, test, withTestRoles } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, type ManageRoles, planMigration } from "../../src/index.js";

/**
 * `--manage-roles` on a real server (issue 15, class 1): every case plans the exact SQL, applies
 * it, reads the roles back equal to what the files want, and plans nothing the second time. Roles
 * belong to the whole cluster, which the tests of a worker share: every role is named from a
 * prefix of its own test and dropped after it.
 */

const source = (text: string) => [{ name: "roles.sql", text }];

const withRoles = (db: TestDatabase, work: (prefix: string) => Promise<void>) =>
  withTestRoles(db, "mr", work);

/** plan = expected SQL → apply → the roles read back equal the desired ones → the re-plan is empty. */
async function roundTrip(
  db: TestDatabase,
  text: string,
  manageRoles: ManageRoles,
  expected: readonly string[],
  allowHazards: readonly ("ROLE_DROP" | "DATA_LOSS")[] = [],
) {
  const planned = await planMigration({ databaseUrl: db.url, sources: source(text), manageRoles });
  expect(planned.plan.steps.map((step) => step.sql)).toEqual(expected);
  const result = await applyMigration({ databaseUrl: db.url, plan: planned.plan, allowHazards });
  expect(result.status, JSON.stringify(result)).toBe(expected.length === 0 ? "nothing_to_do" : "applied");
  const roles = planned.roles;
  if (!roles) throw new Error("no managed roles in the plan");
  const after = await withConnection(db.url, "inspect", (client) => inspectRoles(client, roles.scope));
  // equal as the planner compares roles (membership options the files leave unstated are the server's)
  expect(Object.keys(after.roles)).toEqual(Object.keys(roles.desired.roles));
  expect(diffRoles(after, roles.desired, [])).toEqual([]);
  const again = await planMigration({ databaseUrl: db.url, sources: source(text), manageRoles });
  expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  return planned;
}

async function planError(db: TestDatabase, text: string, manageRoles: ManageRoles = true): Promise<string> {
  const error = await planMigration({
    databaseUrl: db.url,
    sources: source(text),
    manageRoles,
    options: { verify: false },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return formatError(error as InvalidInputError);
}

describe("--manage-roles", () => {
  test("creates roles with attributes, settings, comments and memberships before the grants that name them", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      const text = [
        `CREATE ROLE ${p}_reader;`,
        `DO $$ BEGIN CREATE ROLE ${p}_app LOGIN CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00' IN ROLE ${p}_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
        `GRANT ${p}_reader TO ${p}_app WITH ADMIN OPTION;`,
        `ALTER ROLE ${p}_app SET search_path = app, public;`,
        `ALTER ROLE ${p}_app IN DATABASE ${db.name} SET work_mem = '64MB';`,
        `COMMENT ON ROLE ${p}_app IS 'the application';`,
        "CREATE TABLE t (id int PRIMARY KEY);",
        `GRANT SELECT ON t TO ${p}_reader;`,
      ].join("\n");
      await roundTrip(db, text, true, [
        `CREATE ROLE ${p}_app LOGIN CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00';`,
        `ALTER ROLE ${p}_app SET search_path TO 'app', 'public';`,
        `ALTER ROLE ${p}_app IN DATABASE ${db.name} SET work_mem TO '64MB';`,
        `COMMENT ON ROLE ${p}_app IS 'the application';`,
        `CREATE ROLE ${p}_reader NOLOGIN;`,
        `GRANT ${p}_reader TO ${p}_app WITH ADMIN OPTION;`,
        "CREATE TABLE t (\n  id integer NOT NULL,\n  CONSTRAINT t_pkey PRIMARY KEY (id)\n);",
        `GRANT SELECT ON TABLE t TO ${p}_reader;`,
      ]);
    }));

  test("changes attributes, settings, comments and memberships in place; a saved plan goes stale when a role changes", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      await db.query(`
        create role ${p}_base;
        create role ${p}_old_group;
        create role ${p}_app login connection limit 3 valid until '2031-06-01 12:00:00+00' in role ${p}_old_group;
        grant ${p}_base to ${p}_app with admin option;
        alter role ${p}_app set search_path = app;
        alter role ${p}_app set statement_timeout = '5s';
        comment on role ${p}_app is 'old';`);
      const options = db.server.major >= 16 ? " WITH INHERIT FALSE, SET TRUE" : "";
      const text = [
        `CREATE ROLE ${p}_base;`,
        `CREATE ROLE ${p}_old_group;`,
        `CREATE ROLE ${p}_app LOGIN NOINHERIT CREATEDB VALID UNTIL 'infinity';`,
        `GRANT ${p}_base TO ${p}_app${options};`,
        `ALTER ROLE ${p}_app SET search_path = app, "$user";`,
      ].join("\n");
      // a saved plan: a role changed before it is applied makes it stale
      const stale = await planMigration({ databaseUrl: db.url, sources: source(text), manageRoles: true });
      await db.query(`alter role ${p}_base createdb`);
      const refused = await applyMigration({ databaseUrl: db.url, plan: stale.plan });
      expect(refused.status).toBe("refused");
      await db.query(`alter role ${p}_base nocreatedb`);
      await roundTrip(db, text, true, [
        `ALTER ROLE ${p}_app CREATEDB NOINHERIT CONNECTION LIMIT -1 VALID UNTIL 'infinity';`,
        `ALTER ROLE ${p}_app RESET statement_timeout;`,
        `ALTER ROLE ${p}_app SET search_path TO 'app', '$user';`,
        `COMMENT ON ROLE ${p}_app IS NULL;`,
        `REVOKE ${p}_old_group FROM ${p}_app;`,
        `REVOKE ADMIN OPTION FOR ${p}_base FROM ${p}_app;`,
        ...(db.server.major >= 16 ? [`GRANT ${p}_base TO ${p}_app WITH INHERIT FALSE;`] : []),
      ]);
    }));

  test("a role the files only alter keeps what they leave unsaid; members outside the files are kept", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      await db.query(`
        create role ${p}_person login createdb;
        create role ${p}_ops;
        grant ${p}_ops to ${p}_person;
        alter role ${p}_person set work_mem = '8MB';`);
      const text = [
        `CREATE ROLE ${p}_reader;`,
        `ALTER ROLE ${p}_person CONNECTION LIMIT 2;`,
        `GRANT ${p}_reader TO ${p}_person;`,
        `COMMENT ON ROLE ${p}_person IS 'a person';`,
      ].join("\n");
      await roundTrip(db, text, true, [
        `ALTER ROLE ${p}_person CONNECTION LIMIT 2;`,
        `COMMENT ON ROLE ${p}_person IS 'a person';`,
        `CREATE ROLE ${p}_reader NOLOGIN;`,
        `GRANT ${p}_reader TO ${p}_person;`,
      ]);
      const { rows } = await db.query(
        "select r.rolcreatedb, r.rolcanlogin, (select count(*) from pg_auth_members m where m.member = r.oid)::int as groups from pg_roles r where rolname = $1",
        [`${p}_person`],
      );
      expect(rows).toEqual([{ rolcreatedb: true, rolcanlogin: true, groups: 2 }]);
    }));

  test("rename by hint: ALTER ROLE … RENAME TO, and the grants in the database follow the role", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      await db.query(`
        create role ${p}_old login;
        create table t (id int primary key);
        grant select on t to ${p}_old;
        alter table t enable row level security;
        create policy own on t to ${p}_old using (true);`);
      const text = [
        `-- @renamed-role from=${p}_old`,
        `CREATE ROLE ${p}_new LOGIN;`,
        "CREATE TABLE t (id int PRIMARY KEY);",
        `GRANT SELECT ON t TO ${p}_new;`,
        "ALTER TABLE t ENABLE ROW LEVEL SECURITY;",
        `CREATE POLICY own ON t TO ${p}_new USING (true);`,
      ].join("\n");
      const planned = await roundTrip(db, text, true, [`ALTER ROLE ${p}_old RENAME TO ${p}_new;`]);
      expect(planned.plan.steps[0]?.hazards[0]?.reason).toContain("an MD5 password is cleared");
    }));

  test("a rename hint that matches nothing is an error; without --manage-roles a role hint is refused", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      const text = [`-- @renamed-role from=${p}_typo`, `CREATE ROLE ${p}_new;`].join("\n");
      expect(await planError(db, text)).toBe(
        [
          `roles.sql:1:4: rename hint matches nothing: the server has neither role ${p}_typo (the old name) nor ${p}_new`,
          `  1 | -- @renamed-role from=${p}_typo`,
          "         ^",
          `  hint: write the name the role has on the server now after from=, or remove the hint if ${p}_new is new`,
        ].join("\n"),
      );
      await db.query(`create role ${p}_new`);
      expect(await planError(db, text, false)).toContain(
        `roles.sql:1:4: role rename hint ${p}_typo → ${p}_new, but roles are not managed: pg-flux would not rename the role`,
      );
    }));

  test("a PASSWORD is refused at its place without its text; SUPERUSER is never granted", async ({ db }) =>
    withRoles(db, async (p) => {
      const password = await planError(db, `CREATE ROLE ${p}_app LOGIN PASSWORD 'hunter2';`);
      expect(password).toContain(
        `roles.sql:1:1: CREATE ROLE ${p}_app: a password in the desired state is refused`,
      );
      expect(password).not.toContain("hunter2");
      expect(await planError(db, `CREATE ROLE ${p}_boss SUPERUSER;`)).toContain(
        `roles.sql:1:1: role ${p}_boss: pg-flux does not grant SUPERUSER`,
      );
    }));

  test("membership INHERIT/SET options: applied on 16+, a problem before", async ({ db }) =>
    withRoles(db, async (p) => {
      const text = [
        `CREATE ROLE ${p}_base;`,
        `CREATE ROLE ${p}_app;`,
        `GRANT ${p}_base TO ${p}_app WITH SET FALSE;`,
      ].join("\n");
      if (db.server.major < 16) {
        expect(await planError(db, text)).toContain(
          "the INHERIT and SET options of a membership need PostgreSQL 16",
        );
        return;
      }
      await roundTrip(db, text, true, [
        `CREATE ROLE ${p}_app NOLOGIN;`,
        `CREATE ROLE ${p}_base NOLOGIN;`,
        `GRANT ${p}_base TO ${p}_app WITH SET FALSE;`,
      ]);
    }));

  test("patterns: a matching role the files no longer create is dropped under ROLE_DROP; one that owns objects is refused", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      await db.query(`
        create role ${p}_keep;
        create role ${p}_gone;
        create role ${p}_other;`);
      const text = `CREATE ROLE ${p}_keep;`;
      const planned = await planMigration({
        databaseUrl: db.url,
        sources: source(text),
        manageRoles: [`${p}_g*`],
      });
      expect(planned.plan.steps.map((s) => [s.sql, s.hazards.map((h) => h.kind)])).toEqual([
        [`DROP ROLE ${p}_gone;`, ["ROLE_DROP"]],
      ]);
      const refused = await applyMigration({ databaseUrl: db.url, plan: planned.plan });
      expect(refused.status).toBe("refused");
      // a saved plan with the hazard edited out: its SQL is judged again before it runs
      const tampered = { ...planned.plan, steps: planned.plan.steps.map((s) => ({ ...s, hazards: [] })) };
      const judged = await applyMigration({ databaseUrl: db.url, plan: tampered });
      expect(judged.status === "refused" && judged.hazards.map((h) => h.hazard.kind)).toEqual(["ROLE_DROP"]);
      expect((await db.query("select 1 from pg_roles where rolname = $1", [`${p}_gone`])).rowCount).toBe(1);
      await roundTrip(db, text, [`${p}_g*`], [`DROP ROLE ${p}_gone;`], ["ROLE_DROP"]);
      expect((await db.query("select 1 from pg_roles where rolname = $1", [`${p}_gone`])).rowCount).toBe(0);
      // true (no pattern) never drops: the unrelated role stays out of scope
      await roundTrip(db, text, true, []);

      await db.query(
        `create role ${p}_owner; create table owned_t (id int); alter table owned_t owner to ${p}_owner;`,
      );
      expect(await planError(db, text, [`${p}_ow*`])).toBe(
        [
          `role ${p}_owner is no longer created by the files and matches a --manage-roles pattern, but cannot be dropped: it owns table owned_t`,
          `  hint: give its objects another owner (ALTER … OWNER TO, or REASSIGN OWNED BY ${p}_owner TO <role> in each database) or drop them, revoke its privileges elsewhere, then plan again; or create the role in the files to keep it`,
        ].join("\n"),
      );
    }));

  test("the bootstrap superuser declared plainly is read, not created again, and nothing is taken from it", async ({
    db,
  }) => {
    const { rows } = await db.query<{ rolname: string }>("select rolname from pg_roles where oid = 10");
    const bootstrap = rows[0]?.rolname as string;
    const planned = await planMigration({
      databaseUrl: db.url,
      sources: source(`CREATE ROLE "${bootstrap}";`),
      manageRoles: true,
    });
    expect(planned.plan.steps).toEqual([]);
    expect(Object.keys(planned.roles?.current.roles ?? {})).toEqual([`role:${bootstrap}`]);
  });

  test("a role the files name but do not create must exist: refused with what to add or run", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      const error = await planMigration({
        databaseUrl: db.url,
        sources: source(`CREATE TABLE t (id int);\nGRANT SELECT ON t TO ${p}_named;`),
        manageRoles: true,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingRolesError);
      expect(formatError(error as MissingRolesError)).toContain(
        `hint: with --manage-roles pg-flux creates the roles the files create (CREATE ROLE), and the files only name or alter these: add CREATE ROLE to the files, or run once on the target's server, as a role with CREATEROLE, then plan again:\n    CREATE ROLE ${p}_named NOLOGIN;`,
      );
    }));
});
