import { randomBytes } from "node:crypto";
import type { TestDatabase } from "./database.js";

/**
 * Runs `work` with a fresh role-name prefix (`<tag><8 hex>`), then drops every role whose name starts
 * with it — its objects and privileges in `db` first. Roles belong to the whole cluster, which the
 * tests of a worker share: a test that creates roles names them from its prefix, and none is left.
 */
export async function withTestRoles(
  db: TestDatabase,
  tag: string,
  work: (prefix: string) => Promise<void>,
): Promise<void> {
  const prefix = `${tag}${randomBytes(4).toString("hex")}`;
  try {
    await work(prefix);
  } finally {
    const { rows } = await db.query<{ rolname: string }>(
      "select rolname from pg_roles where rolname like $1 order by rolname desc",
      [`${prefix}%`],
    );
    for (const { rolname } of rows) {
      // the prefix is [a-z0-9]: the names need no quoting beyond the plain double quotes
      await db.query(`drop owned by "${rolname}" cascade`).catch(() => undefined);
      await db.query(`drop role "${rolname}"`);
    }
  }
}
