import { randomBytes } from "node:crypto";
import { test } from "@pg-flux/testkit";
import pg from "pg";
import { expect } from "vitest";
import { createLoadRole } from "../../src/desired/roles.js";

/**
 * Loads running at once on one scratch server (parallel plans, parallel test files) each make the
 * load role a superuser; two ALTER ROLE … SUPERUSER at once made the loser fail with "tuple
 * concurrently updated" (found by the conformance suites running side by side). Every caller must
 * succeed and the role must end a superuser.
 */
test("createLoadRole from many sessions at once: all succeed, the role is a superuser", async ({ db }) => {
  const role = `pgflux_load_${randomBytes(4).toString("hex")}`;
  const clients = Array.from({ length: 8 }, () => new pg.Client({ connectionString: db.url }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    for (let round = 0; round < 40; round += 1) {
      await db.query(`drop role if exists ${role}`);
      if (round % 2 === 1) await db.query(`create role ${role} nologin`); // as a verification copy's placeholder
      await Promise.all(clients.map((client) => createLoadRole(client, role)));
      const { rows } = await db.query<{ rolsuper: boolean }>(
        "select rolsuper from pg_roles where rolname = $1",
        [role],
      );
      expect(rows).toEqual([{ rolsuper: true }]);
    }
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await db.query(`drop role if exists ${role}`);
  }
});
