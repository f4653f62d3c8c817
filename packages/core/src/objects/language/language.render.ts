import { quoteIdent } from "../../sql/quote.js";
import type { ProcedureRef } from "../operator/operator.model.js";
import { relationName } from "../sql.js";
import type { Language } from "./language.model.js";

const fn = (ref: ProcedureRef) => relationName(ref.schema, ref.name);

/**
 * `CREATE [TRUSTED] LANGUAGE name HANDLER call_handler [INLINE inline_handler] [VALIDATOR valfunction];`
 * https://www.postgresql.org/docs/current/sql-createlanguage.html
 */
export function renderCreateLanguage(language: Language): string {
  const parts = [
    `CREATE ${language.trusted ? "TRUSTED " : ""}LANGUAGE ${quoteIdent(language.name)} HANDLER ${fn(language.handler)}`,
    ...(language.inline ? [`INLINE ${fn(language.inline)}`] : []),
    ...(language.validator ? [`VALIDATOR ${fn(language.validator)}`] : []),
  ];
  return `${parts.join(" ")};`;
}

/**
 * `DROP LANGUAGE name;`
 * https://www.postgresql.org/docs/current/sql-droplanguage.html
 */
export function renderDropLanguage(language: Language): string {
  return `DROP LANGUAGE ${quoteIdent(language.name)};`;
}
