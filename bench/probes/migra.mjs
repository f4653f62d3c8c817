/**
 * Probe: `@pgkit/migra` diffing two live databases (from → to), the way its CLI does: inspect both,
 * compute every change, render the SQL. Its clients are closed before the probe returns.
 */
import { createClient } from "@pgkit/client";
import { Migration } from "@pgkit/migra";

/** @param {{ fromUrl: string, toUrl: string }} args */
export async function measure({ fromUrl, toUrl }) {
  const from = createClient(fromUrl);
  const to = createClient(toUrl);
  try {
    const started = performance.now();
    const migration = await Migration.create(from, to, {});
    migration.set_safety(false);
    migration.add_all_changes();
    const sql = migration.sql;
    const totalMs = performance.now() - started;
    return { totalMs, statements: migration.statements.length, sqlBytes: sql.length };
  } finally {
    await Promise.allSettled([from.end(), to.end()]);
  }
}
