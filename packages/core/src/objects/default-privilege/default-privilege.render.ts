import { quoteIdent } from "../../sql/quote.js";
import { roleName } from "../privilege/privilege.render.js";
import type { DefaultAclScope } from "./default-privilege.change.js";

function head(scope: DefaultAclScope): string {
  const where = scope.schema === null ? "" : ` IN SCHEMA ${quoteIdent(scope.schema)}`;
  return `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(scope.role)}${where}`;
}

/**
 * `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT p, … ON TABLES TO g [WITH GRANT OPTION];`
 * https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html
 */
export function renderGrantDefault(
  scope: DefaultAclScope,
  privileges: readonly string[],
  grantee: string,
  grantable: boolean,
): string {
  return `${head(scope)} GRANT ${privileges.join(", ")} ON ${scope.objectType.toUpperCase()} TO ${roleName(grantee)}${grantable ? " WITH GRANT OPTION" : ""};`;
}

/**
 * `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] REVOKE [GRANT OPTION FOR] p, … ON TABLES FROM g;`
 * https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html
 */
export function renderRevokeDefault(
  scope: DefaultAclScope,
  privileges: readonly string[],
  grantee: string,
  grantOptionOnly: boolean,
): string {
  return `${head(scope)} REVOKE ${grantOptionOnly ? "GRANT OPTION FOR " : ""}${privileges.join(", ")} ON ${scope.objectType.toUpperCase()} FROM ${roleName(grantee)};`;
}
