import type { View } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/** The deparsed query without the leading blank and trailing `;` pg_get_viewdef prints. */
export function viewQuery(definition: string): string {
  return definition.trim().replace(/;\s*$/, "");
}

/** `WITH (a=b, …) ` or nothing. */
export function withOptions(options: readonly string[]): string {
  return options.length === 0 ? "" : ` WITH (${options.join(", ")})`;
}

/**
 * ```
 * CREATE [OR REPLACE] VIEW name [WITH (view_option = value [, …])] AS
 * query
 * [WITH CASCADED | LOCAL CHECK OPTION];
 * ```
 * The query is the server's `pg_get_viewdef` text of the desired view.
 * https://www.postgresql.org/docs/current/sql-createview.html
 */
export function renderCreateView(view: View, options: { readonly orReplace: boolean }): string {
  const verb = options.orReplace ? "CREATE OR REPLACE VIEW" : "CREATE VIEW";
  const check = view.checkOption === null ? "" : `\nWITH ${view.checkOption.toUpperCase()} CHECK OPTION`;
  return `${verb} ${relationName(view.schema, view.name)}${withOptions(view.options)} AS\n${viewQuery(view.definition)}${check};`;
}

/**
 * `DROP VIEW name;` (never CASCADE: dependents are dropped by their own steps, first).
 * https://www.postgresql.org/docs/current/sql-dropview.html
 */
export function renderDropView(view: Named): string {
  return `DROP VIEW ${relationName(view.schema, view.name)};`;
}

/** The option's name: `security_barrier` of `security_barrier=true`. */
export function optionName(option: string): string {
  const at = option.indexOf("=");
  return at === -1 ? option : option.slice(0, at);
}

/**
 * `ALTER VIEW name SET (option = value, …);` and `ALTER VIEW name RESET (option, …);` — the check
 * option is the reloption `check_option`.
 * https://www.postgresql.org/docs/current/sql-alterview.html
 */
export function renderAlterViewOptions(
  keyword: "VIEW" | "MATERIALIZED VIEW",
  relation: Named,
  from: readonly string[],
  to: readonly string[],
): readonly string[] {
  const name = relationName(relation.schema, relation.name);
  const set = to.filter((option) => !from.includes(option));
  const reset = from.map(optionName).filter((option) => !to.some((other) => optionName(other) === option));
  return [
    ...(set.length > 0 ? [`ALTER ${keyword} ${name} SET (${set.join(", ")});`] : []),
    ...(reset.length > 0 ? [`ALTER ${keyword} ${name} RESET (${reset.map(quoteIdent).join(", ")});`] : []),
  ];
}

/** The check option as a reloption, for ALTER VIEW SET/RESET. */
export function viewOptions(view: View): readonly string[] {
  return view.checkOption === null ? view.options : [...view.options, `check_option=${view.checkOption}`];
}
