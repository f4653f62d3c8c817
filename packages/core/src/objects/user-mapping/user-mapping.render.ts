import { quoteIdent } from "../../sql/quote.js";
import { alterOptionsClause, optionsClause } from "../foreign-data-wrapper/foreign-options.js";
import type { UserMapping } from "./user-mapping.model.js";

/** `USER MAPPING FOR role SERVER s` (`PUBLIC` is the keyword, any other role an identifier). */
export function userMappingTarget(mapping: Pick<UserMapping, "user" | "server">): string {
  const user = mapping.user === "PUBLIC" ? "PUBLIC" : quoteIdent(mapping.user);
  return `USER MAPPING FOR ${user} SERVER ${quoteIdent(mapping.server)}`;
}

/**
 * `CREATE USER MAPPING FOR role SERVER s [OPTIONS (…)];`
 * https://www.postgresql.org/docs/current/sql-createusermapping.html
 */
export function renderCreateUserMapping(mapping: UserMapping): string {
  return `CREATE ${userMappingTarget(mapping)}${optionsClause(mapping.options)};`;
}

/**
 * `ALTER USER MAPPING FOR role SERVER s OPTIONS (ADD …, SET …, DROP …);`, null when the options are
 * the same (the role and server are its identity).
 * https://www.postgresql.org/docs/current/sql-alterusermapping.html
 */
export function renderAlterUserMapping(from: UserMapping, to: UserMapping): string | null {
  const options = alterOptionsClause(from.options, to.options);
  return options === null ? null : `ALTER ${userMappingTarget(to)} ${options};`;
}

/**
 * `DROP USER MAPPING FOR role SERVER s;`
 * https://www.postgresql.org/docs/current/sql-dropusermapping.html
 */
export function renderDropUserMapping(mapping: UserMapping): string {
  return `DROP ${userMappingTarget(mapping)};`;
}
