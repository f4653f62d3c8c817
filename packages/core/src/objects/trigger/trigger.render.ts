import type { Trigger } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * `CREATE [CONSTRAINT] TRIGGER name {BEFORE | AFTER | INSTEAD OF} event [OR …] ON table … EXECUTE
 * FUNCTION f(args);`: the server's own `pg_get_triggerdef` text of the desired trigger.
 * https://www.postgresql.org/docs/current/sql-createtrigger.html
 */
export function renderCreateTrigger(trigger: Trigger): string {
  return `${trigger.definition.trim().replace(/;\s*$/, "")};`;
}

/**
 * `CREATE OR REPLACE TRIGGER …;` (PostgreSQL 14+): replaces the definition in one statement, keeping
 * the trigger's identity (and its comment).
 * https://www.postgresql.org/docs/current/sql-createtrigger.html
 */
export function renderReplaceTrigger(trigger: Trigger): string {
  return renderCreateTrigger(trigger).replace(/^CREATE TRIGGER /, "CREATE OR REPLACE TRIGGER ");
}

/**
 * `DROP TRIGGER name ON table;`
 * https://www.postgresql.org/docs/current/sql-droptrigger.html
 */
export function renderDropTrigger(trigger: Named, table: Named): string {
  return `DROP TRIGGER ${quoteIdent(trigger.name)} ON ${relationName(table.schema, table.name)};`;
}

const ENABLE: { readonly [K in Trigger["enabled"]]: string } = {
  origin: "ENABLE",
  disabled: "DISABLE",
  replica: "ENABLE REPLICA",
  always: "ENABLE ALWAYS",
};

/**
 * `ALTER TABLE table {ENABLE | DISABLE | ENABLE REPLICA | ENABLE ALWAYS} TRIGGER name;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderSetTriggerEnabled(trigger: Trigger, table: Named): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} ${ENABLE[trigger.enabled]} TRIGGER ${quoteIdent(trigger.name)};`;
}

/** The keyword of an enabled state, shared with event triggers. */
export function enableKeyword(enabled: Trigger["enabled"]): string {
  return ENABLE[enabled];
}
