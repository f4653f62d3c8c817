import { inspect, loadDesiredState, plan, renderMarkdown, renderSql } from "pg-flux";

/**
 * The stages one by one: read the live database, load the desired SQL (normalized in a scratch
 * database on an embedded server of its major), plan — a pure function — and render.
 */
export async function review(databaseUrl: string): Promise<{ sql: string; markdown: string }> {
  const current = await inspect(databaseUrl, { schemas: ["public"] });
  const desired = await loadDesiredState(
    [{ name: "schema.sql", text: "CREATE TABLE events (id bigint PRIMARY KEY, tenant_id int NOT NULL);" }],
    { targetUrl: databaseUrl, schemas: ["public"] },
  );
  const migration = plan(current, desired.state, { schemas: ["public"], options: { autoNotValid: true } });
  return { sql: renderSql(migration), markdown: renderMarkdown(migration) };
}
