import { apply, planMigration, renderSql } from "pg-flux";

const schema = `
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL
);
`;

/** Plans the desired schema against a database, prints the migration, applies it. */
export async function migrate(databaseUrl: string): Promise<string> {
  const { plan, warnings } = await planMigration({
    databaseUrl,
    sources: [{ name: "schema.sql", text: schema }], // or paths: ["schema/"]
  });
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const sql = renderSql(plan); // the migration file `pg-flux migrate generate` would write

  const result = await apply(plan, { databaseUrl });
  switch (result.status) {
    case "applied":
      return `${sql}-- applied ${result.applied.length} step(s) in ${Math.round(result.ms)} ms\n`;
    case "nothing_to_do":
      return "-- nothing to do\n";
    case "refused": // blocking hazards, or the database changed since the plan was made
    case "failed": // committed groups stay; run again: it re-plans from the database
    case "interrupted": // only with options.signal: the running statement was cancelled, locks released
      throw new Error(result.message);
  }
}
