import type { Policy } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/** `TO a, b`; the catalog's `public` is the keyword PUBLIC. */
function roleList(roles: readonly string[]): string {
  return roles.map((role) => (role === "public" ? "PUBLIC" : quoteIdent(role))).join(", ");
}

const expression = (text: string) => `(${stripOuterParens(text)})`;

/**
 * ```
 * CREATE POLICY name ON table
 * [AS RESTRICTIVE] [FOR command] [TO roles]
 * USING (…)
 * WITH CHECK (…);
 * ```
 * one clause per line as the seed prints it; `FOR ALL` and `TO PUBLIC` are the defaults and left out.
 * https://www.postgresql.org/docs/current/sql-createpolicy.html
 */
export function renderCreatePolicy(table: Named, policy: Policy): string {
  const head = [
    ...(policy.permissive ? [] : ["AS RESTRICTIVE"]),
    ...(policy.command === "all" ? [] : [`FOR ${policy.command.toUpperCase()}`]),
    ...(policy.roles.length === 0 || (policy.roles.length === 1 && policy.roles[0] === "public")
      ? []
      : [`TO ${roleList(policy.roles)}`]),
  ];
  const lines = [
    `CREATE POLICY ${quoteIdent(policy.name)} ON ${relationName(table.schema, table.name)}`,
    ...(head.length ? [head.join(" ")] : []),
    ...(policy.using === null ? [] : [`USING ${expression(policy.using)}`]),
    ...(policy.withCheck === null ? [] : [`WITH CHECK ${expression(policy.withCheck)}`]),
  ];
  return `${lines.join("\n")};`;
}

/**
 * `ALTER POLICY name ON table [TO roles] [USING (…)] [WITH CHECK (…)];` — only the parts that change.
 * https://www.postgresql.org/docs/current/sql-alterpolicy.html
 */
export function renderAlterPolicy(
  table: Named,
  policy: Policy,
  parts: { readonly roles: boolean; readonly using: boolean; readonly withCheck: boolean },
): string {
  const lines = [`ALTER POLICY ${quoteIdent(policy.name)} ON ${relationName(table.schema, table.name)}`];
  if (parts.roles) lines.push(`TO ${policy.roles.length === 0 ? "PUBLIC" : roleList(policy.roles)}`);
  if (parts.using && policy.using !== null) lines.push(`USING ${expression(policy.using)}`);
  if (parts.withCheck && policy.withCheck !== null) lines.push(`WITH CHECK ${expression(policy.withCheck)}`);
  return `${lines.join("\n")};`;
}

/** `DROP POLICY name ON table;` (https://www.postgresql.org/docs/current/sql-droppolicy.html) */
export function renderDropPolicy(table: Named, policy: { readonly name: string }): string {
  return `DROP POLICY ${quoteIdent(policy.name)} ON ${relationName(table.schema, table.name)};`;
}
