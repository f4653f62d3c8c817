import type { DomainType } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { relationName, typeName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };
export type DomainCheck = DomainType["checks"][number];

/** `CONSTRAINT name CHECK (expr)` */
export function renderDomainCheck(check: DomainCheck): string {
  return `CONSTRAINT ${quoteIdent(check.name)} CHECK (${stripOuterParens(check.expression)})`;
}

/**
 * `CREATE DOMAIN name AS base [COLLATE c] [DEFAULT x] [NOT NULL] [CONSTRAINT n CHECK (…)]…;` —
 * validated checks only: a NOT VALID check is added afterwards (CREATE DOMAIN has no NOT VALID).
 * https://www.postgresql.org/docs/current/sql-createdomain.html
 */
export function renderCreateDomain(domain: DomainType, name: Named = domain): string {
  const parts = [
    `CREATE DOMAIN ${relationName(name.schema, name.name)} AS ${typeName(domain.baseType, "public")}`,
  ];
  if (domain.collation !== null) parts.push(`COLLATE ${domain.collation}`);
  if (domain.default !== null) parts.push(`DEFAULT ${domain.default}`);
  if (domain.notNull) parts.push("NOT NULL");
  for (const check of domain.checks) if (check.validated) parts.push(renderDomainCheck(check));
  return `${parts.join(" ")};`;
}

/**
 * `ALTER DOMAIN name {SET DEFAULT x | DROP DEFAULT};`
 * https://www.postgresql.org/docs/current/sql-alterdomain.html
 */
export function renderDomainDefault(domain: Named, value: string | null): string {
  const action = value === null ? "DROP DEFAULT" : `SET DEFAULT ${value}`;
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} ${action};`;
}

/** `ALTER DOMAIN name {SET|DROP} NOT NULL;` (https://www.postgresql.org/docs/current/sql-alterdomain.html) */
export function renderDomainNotNull(domain: Named, notNull: boolean): string {
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} ${notNull ? "SET" : "DROP"} NOT NULL;`;
}

/** `ALTER DOMAIN name ADD CONSTRAINT n CHECK (…) [NOT VALID];` (https://www.postgresql.org/docs/current/sql-alterdomain.html) */
export function renderAddDomainConstraint(domain: Named, check: DomainCheck, notValid: boolean): string {
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} ADD ${renderDomainCheck(check)}${notValid ? " NOT VALID" : ""};`;
}

/** `ALTER DOMAIN name VALIDATE CONSTRAINT n;` (https://www.postgresql.org/docs/current/sql-alterdomain.html) */
export function renderValidateDomainConstraint(domain: Named, constraint: string): string {
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} VALIDATE CONSTRAINT ${quoteIdent(constraint)};`;
}

/** `ALTER DOMAIN name DROP CONSTRAINT n;` (https://www.postgresql.org/docs/current/sql-alterdomain.html) */
export function renderDropDomainConstraint(domain: Named, constraint: string): string {
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} DROP CONSTRAINT ${quoteIdent(constraint)};`;
}

/** `ALTER DOMAIN name RENAME CONSTRAINT a TO b;` (https://www.postgresql.org/docs/current/sql-alterdomain.html) */
export function renderRenameDomainConstraint(domain: Named, from: string, to: string): string {
  return `ALTER DOMAIN ${relationName(domain.schema, domain.name)} RENAME CONSTRAINT ${quoteIdent(from)} TO ${quoteIdent(to)};`;
}
