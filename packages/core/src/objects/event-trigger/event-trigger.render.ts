import type { EventTrigger } from "../../model/state.js";
import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import { enableKeyword } from "../trigger/trigger.render.js";
import type { FunctionRef } from "./event-trigger.change.js";

/**
 * ```
 * CREATE EVENT TRIGGER name ON event
 * [WHEN TAG IN ('tag' [, …])]
 * EXECUTE FUNCTION f();
 * ```
 * https://www.postgresql.org/docs/current/sql-createeventtrigger.html
 */
export function renderCreateEventTrigger(trigger: EventTrigger, fn: FunctionRef): string {
  const when =
    trigger.tags.length === 0 ? "" : `\nWHEN TAG IN (${trigger.tags.map(quoteLiteral).join(", ")})`;
  return `CREATE EVENT TRIGGER ${quoteIdent(trigger.name)} ON ${quoteIdent(trigger.event)}${when}\nEXECUTE FUNCTION ${relationName(fn.schema, fn.name)}();`;
}

/**
 * `DROP EVENT TRIGGER name;`
 * https://www.postgresql.org/docs/current/sql-dropeventtrigger.html
 */
export function renderDropEventTrigger(trigger: { readonly name: string }): string {
  return `DROP EVENT TRIGGER ${quoteIdent(trigger.name)};`;
}

/**
 * `ALTER EVENT TRIGGER old RENAME TO new;` (a rename by hint).
 * https://www.postgresql.org/docs/current/sql-altereventtrigger.html
 */
export function renderRenameEventTrigger(from: string, to: string): string {
  return `ALTER EVENT TRIGGER ${quoteIdent(from)} RENAME TO ${quoteIdent(to)};`;
}

/**
 * `ALTER EVENT TRIGGER name {ENABLE | DISABLE | ENABLE REPLICA | ENABLE ALWAYS};`
 * https://www.postgresql.org/docs/current/sql-altereventtrigger.html
 */
export function renderSetEventTriggerEnabled(trigger: EventTrigger): string {
  return `ALTER EVENT TRIGGER ${quoteIdent(trigger.name)} ${enableKeyword(trigger.enabled)};`;
}
