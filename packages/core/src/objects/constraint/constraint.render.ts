import type { Constraint, ForeignKeyConstraint } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { identList, relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

const alterTable = (table: Named) => `ALTER TABLE ${relationName(table.schema, table.name)}`;

/**
 * What follows `CONSTRAINT name`: foreign keys are rendered from their fields (so the referenced
 * table follows the naming rule and renames), CHECKs from their expression, the others from the
 * server's `pg_get_constraintdef` text. Never includes NOT VALID; ends in NOT ENFORCED for a CHECK or
 * FOREIGN KEY that is not enforced (PG 18).
 */
export function renderConstraintDefinition(constraint: Constraint, referenced: Named | null): string {
  switch (constraint.kind) {
    case "foreign_key":
      return renderForeignKey(constraint, referenced);
    case "check":
      return `CHECK (${stripOuterParens(constraint.expression)})${constraint.noInherit ? " NO INHERIT" : ""}${notEnforced(constraint)}`;
    case "primary_key":
    case "unique":
    case "exclude":
    case "not_null":
      return withoutValidity(constraint.definition);
    default: {
      const _exhaustive: never = constraint;
      return _exhaustive;
    }
  }
}

/** The server's definition without its trailing NOT VALID / NOT ENFORCED (those come from fields). */
export function withoutValidity(definition: string): string {
  return definition.replace(/( NOT VALID| NOT ENFORCED)+$/, "");
}

function notEnforced(constraint: Constraint): string {
  return constraint.enforced ? "" : " NOT ENFORCED";
}

function renderForeignKey(fk: ForeignKeyConstraint, referenced: Named | null): string {
  // Temporal keys (PERIOD, PG 18) are kept in the server's own words.
  if (referenced === null || fk.definition.includes("PERIOD "))
    return `${withoutValidity(fk.definition)}${notEnforced(fk)}`;
  const parts = [
    `FOREIGN KEY (${identList(fk.columns)}) REFERENCES ${relationName(referenced.schema, referenced.name)}(${identList(fk.referencedColumns)})`,
  ];
  if (fk.match === "full") parts.push("MATCH FULL");
  if (fk.onUpdate !== "no action") parts.push(`ON UPDATE ${fk.onUpdate.toUpperCase()}`);
  if (fk.onDelete !== "no action") parts.push(`ON DELETE ${fk.onDelete.toUpperCase()}`);
  if (fk.deferrable) parts.push("DEFERRABLE");
  if (fk.initiallyDeferred) parts.push("INITIALLY DEFERRED");
  if (!fk.enforced) parts.push("NOT ENFORCED");
  return parts.join(" ");
}

/**
 * `ALTER TABLE t\nADD CONSTRAINT name\ndefinition [NOT VALID];` — three lines, as the seed prints
 * its FK and CHECK recipes.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAddConstraint(
  table: Named,
  name: string,
  definition: string,
  notValid: boolean,
): string {
  return `${alterTable(table)}\nADD CONSTRAINT ${quoteIdent(name)}\n${definition}${notValid ? " NOT VALID" : ""};`;
}

/**
 * `ALTER TABLE t\nADD CONSTRAINT name {UNIQUE|PRIMARY KEY} USING INDEX index [DEFERRABLE …];` (the
 * seed's unique recipe).
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAddConstraintUsingIndex(
  table: Named,
  name: string,
  kind: "unique" | "primary_key",
  index: string,
  deferrable: boolean,
  initiallyDeferred: boolean,
): string {
  const what = kind === "unique" ? "UNIQUE" : "PRIMARY KEY";
  const timing = `${deferrable ? " DEFERRABLE" : ""}${initiallyDeferred ? " INITIALLY DEFERRED" : ""}`;
  return `${alterTable(table)}\nADD CONSTRAINT ${quoteIdent(name)} ${what} USING INDEX ${quoteIdent(index)}${timing};`;
}

/** `ALTER TABLE t VALIDATE CONSTRAINT name;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderValidateConstraint(table: Named, name: string): string {
  return `${alterTable(table)} VALIDATE CONSTRAINT ${quoteIdent(name)};`;
}

/**
 * `ALTER TABLE t ALTER CONSTRAINT name [NOT] ENFORCED;` (PG 18, foreign keys only)
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAlterConstraintEnforcement(table: Named, name: string, enforced: boolean): string {
  return `${alterTable(table)} ALTER CONSTRAINT ${quoteIdent(name)} ${enforced ? "ENFORCED" : "NOT ENFORCED"};`;
}

/** `ALTER TABLE t DROP CONSTRAINT name;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderDropConstraint(table: Named, name: string): string {
  return `${alterTable(table)} DROP CONSTRAINT ${quoteIdent(name)};`;
}

/** `ALTER TABLE t RENAME CONSTRAINT a TO b;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderRenameConstraint(table: Named, from: string, to: string): string {
  return `${alterTable(table)} RENAME CONSTRAINT ${quoteIdent(from)} TO ${quoteIdent(to)};`;
}
