import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { alterOptionsClause, optionsClause } from "../foreign-data-wrapper/foreign-options.js";
import type { ForeignServer } from "./foreign-server.model.js";

/** `SERVER name`: how COMMENT ON and OWNER TO name it (GRANT says `FOREIGN SERVER`). */
export function foreignServerTarget(server: Pick<ForeignServer, "name">): string {
  return `SERVER ${quoteIdent(server.name)}`;
}

/**
 * `CREATE SERVER name [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (…)];`
 * https://www.postgresql.org/docs/current/sql-createserver.html
 */
export function renderCreateForeignServer(server: ForeignServer): string {
  const type = server.type === null ? "" : ` TYPE ${quoteLiteral(server.type)}`;
  const version = server.version === null ? "" : ` VERSION ${quoteLiteral(server.version)}`;
  return `CREATE ${foreignServerTarget(server)}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(server.wrapper)}${optionsClause(server.options)};`;
}

/**
 * `ALTER SERVER name [VERSION 'v' | VERSION NULL] [OPTIONS (ADD …, SET …, DROP …)];` — or null when
 * only DROP + CREATE gets there (another TYPE or wrapper: neither has an ALTER).
 * https://www.postgresql.org/docs/current/sql-alterserver.html
 */
export function renderAlterForeignServer(from: ForeignServer, to: ForeignServer): string | null {
  if (from.type !== to.type || from.wrapper !== to.wrapper) return null;
  const parts = [
    ...(from.version === to.version
      ? []
      : [`VERSION ${to.version === null ? "NULL" : quoteLiteral(to.version)}`]),
    ...[alterOptionsClause(from.options, to.options)].filter((clause) => clause !== null),
  ];
  return parts.length === 0 ? null : `ALTER ${foreignServerTarget(to)} ${parts.join(" ")};`;
}

/**
 * `DROP SERVER name;`
 * https://www.postgresql.org/docs/current/sql-dropserver.html
 */
export function renderDropForeignServer(server: ForeignServer): string {
  return `DROP ${foreignServerTarget(server)};`;
}
