import { quoteIdent } from "../../sql/quote.js";
import type { ProcedureRef } from "../operator/operator.model.js";
import { relationName } from "../sql.js";
import type { ForeignDataWrapper } from "./foreign-data-wrapper.model.js";
import { alterOptionsClause, optionsClause } from "./foreign-options.js";

/** `FOREIGN DATA WRAPPER name`: how COMMENT ON, OWNER TO and GRANT name it. */
export function foreignDataWrapperTarget(wrapper: Pick<ForeignDataWrapper, "name">): string {
  return `FOREIGN DATA WRAPPER ${quoteIdent(wrapper.name)}`;
}

const handlerClause = (handler: ProcedureRef | null) =>
  handler === null ? "NO HANDLER" : `HANDLER ${relationName(handler.schema, handler.name)}`;
const validatorClause = (validator: ProcedureRef | null) =>
  validator === null ? "NO VALIDATOR" : `VALIDATOR ${relationName(validator.schema, validator.name)}`;

/**
 * `CREATE FOREIGN DATA WRAPPER name [HANDLER h] [VALIDATOR v] [OPTIONS (…)];`
 * https://www.postgresql.org/docs/current/sql-createforeigndatawrapper.html
 */
export function renderCreateForeignDataWrapper(wrapper: ForeignDataWrapper): string {
  const handler = wrapper.handler === null ? "" : ` ${handlerClause(wrapper.handler)}`;
  const validator = wrapper.validator === null ? "" : ` ${validatorClause(wrapper.validator)}`;
  return `CREATE ${foreignDataWrapperTarget(wrapper)}${handler}${validator}${optionsClause(wrapper.options)};`;
}

/**
 * `ALTER FOREIGN DATA WRAPPER name [HANDLER h | NO HANDLER] [VALIDATOR v | NO VALIDATOR]
 * [OPTIONS (ADD …, SET …, DROP …)];` — only what differs; null when nothing does. Every part of a
 * wrapper changes in place.
 * https://www.postgresql.org/docs/current/sql-alterforeigndatawrapper.html
 */
export function renderAlterForeignDataWrapper(
  from: ForeignDataWrapper,
  to: ForeignDataWrapper,
): string | null {
  const same = (a: ProcedureRef | null, b: ProcedureRef | null) =>
    a?.schema === b?.schema && a?.name === b?.name;
  const parts = [
    ...(same(from.handler, to.handler) ? [] : [handlerClause(to.handler)]),
    ...(same(from.validator, to.validator) ? [] : [validatorClause(to.validator)]),
    ...[alterOptionsClause(from.options, to.options)].filter((clause) => clause !== null),
  ];
  return parts.length === 0 ? null : `ALTER ${foreignDataWrapperTarget(to)} ${parts.join(" ")};`;
}

/**
 * `DROP FOREIGN DATA WRAPPER name;`
 * https://www.postgresql.org/docs/current/sql-dropforeigndatawrapper.html
 */
export function renderDropForeignDataWrapper(wrapper: ForeignDataWrapper): string {
  return `DROP ${foreignDataWrapperTarget(wrapper)};`;
}
