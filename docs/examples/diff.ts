import { diff, renderSql } from "pg-flux";

/**
 * Any two schemas: URLs, files, directories or SQL text. The `to` side's `@renamed` hints apply,
 * so this is a rename, not a drop and an add.
 */
export async function renameColumn(databaseUrl: string): Promise<string> {
  const desired = `
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL -- @renamed from=email_address
);`;
  const { plan } = await diff(databaseUrl, [{ name: "schema.sql", text: desired }]);
  return renderSql(plan, { header: false });
}
