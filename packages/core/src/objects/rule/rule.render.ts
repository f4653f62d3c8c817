import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { Rule } from "./rule.model.js";

/** `RULE name ON relation`: how COMMENT ON names it. */
export function ruleTarget(rule: Rule): string {
  return `RULE ${quoteIdent(rule.name)} ON ${relationName(rule.schema, rule.relation)}`;
}

const ENABLE = {
  origin: "ENABLE",
  disabled: "DISABLE",
  replica: "ENABLE REPLICA",
  always: "ENABLE ALWAYS",
} as const;

/**
 * `ALTER TABLE t ENABLE [REPLICA | ALWAYS] RULE r;` / `DISABLE RULE r;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderRuleEnabled(rule: Rule): string {
  return `ALTER TABLE ${relationName(rule.schema, rule.relation)} ${ENABLE[rule.enabled]} RULE ${quoteIdent(rule.name)};`;
}

/**
 * The server's `CREATE RULE …;` as read (`pg_get_ruledef`), then its state when not the default.
 * https://www.postgresql.org/docs/current/sql-createrule.html
 */
export function renderCreateRule(rule: Rule): readonly string[] {
  return [rule.definition, ...(rule.enabled === "origin" ? [] : [renderRuleEnabled(rule)])];
}

/**
 * `CREATE OR REPLACE RULE …;`: a new definition in place (same name, same relation).
 * https://www.postgresql.org/docs/current/sql-createrule.html
 */
export function renderReplaceRule(rule: Rule): string {
  return rule.definition.replace(/^CREATE RULE /, "CREATE OR REPLACE RULE ");
}

/**
 * `DROP RULE name ON relation;`
 * https://www.postgresql.org/docs/current/sql-droprule.html
 */
export function renderDropRule(rule: Rule): string {
  return `DROP RULE ${quoteIdent(rule.name)} ON ${relationName(rule.schema, rule.relation)};`;
}

/** The statements that turn `from` into `to` in place: its definition, then its state. */
export function renderAlterRule(from: Rule, to: Rule): readonly string[] {
  return [
    ...(from.definition === to.definition ? [] : [renderReplaceRule(to)]),
    // a replaced rule's state is set again (whether CREATE OR REPLACE keeps it is not the point)
    ...(from.enabled === to.enabled && (from.definition === to.definition || to.enabled === "origin")
      ? []
      : [renderRuleEnabled(to)]),
  ];
}
