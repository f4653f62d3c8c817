import { type Aggregate, ids, quoteIdent, quoteLiteral, quoteQualified } from "@pg-flux/core";
import type { AggregateRow } from "../queries/aggregates.sql.js";
import { decode, PARALLEL } from "./codes.js";
import { readPrivileges } from "./privileges.js";

const FINAL_MODIFY = { r: "READ_ONLY", s: "SHAREABLE", w: "READ_WRITE" } as const;

/** What a FINALFUNC_MODIFY clause would default to: READ_ONLY, or READ_WRITE for ordered-set aggregates. */
function defaultModify(aggkind: string): string {
  return aggkind === "n" ? "r" : "w";
}

/**
 * A `CREATE AGGREGATE` statement rebuilt from pg_aggregate (PostgreSQL has no pg_get_aggregatedef).
 * Options equal to their defaults are left out, so the text reads like one a person would write.
 * https://www.postgresql.org/docs/current/sql-createaggregate.html
 */
export function aggregateDefinition(row: AggregateRow): string {
  const options: string[] = [`SFUNC = ${row.transitionFunction}`, `STYPE = ${row.stateType}`];
  if (row.stateSpace !== 0) options.push(`SSPACE = ${row.stateSpace}`);
  if (row.finalFunction !== null) {
    options.push(`FINALFUNC = ${row.finalFunction}`);
    if (row.finalExtra) options.push("FINALFUNC_EXTRA");
    if (row.finalModify !== defaultModify(row.aggkind)) {
      options.push(`FINALFUNC_MODIFY = ${decode("finalfunc modify", FINAL_MODIFY, row.finalModify)}`);
    }
  }
  if (row.combineFunction !== null) options.push(`COMBINEFUNC = ${row.combineFunction}`);
  if (row.serialFunction !== null) options.push(`SERIALFUNC = ${row.serialFunction}`);
  if (row.deserialFunction !== null) options.push(`DESERIALFUNC = ${row.deserialFunction}`);
  if (row.initialCondition !== null) options.push(`INITCOND = ${quoteLiteral(row.initialCondition)}`);
  if (row.movingTransitionFunction !== null) {
    options.push(`MSFUNC = ${row.movingTransitionFunction}`);
    if (row.movingInverseFunction !== null) options.push(`MINVFUNC = ${row.movingInverseFunction}`);
    if (row.movingStateType !== null) options.push(`MSTYPE = ${row.movingStateType}`);
    if (row.movingStateSpace !== 0) options.push(`MSSPACE = ${row.movingStateSpace}`);
    if (row.movingFinalFunction !== null) {
      options.push(`MFINALFUNC = ${row.movingFinalFunction}`);
      if (row.movingFinalExtra) options.push("MFINALFUNC_EXTRA");
      if (row.movingFinalModify !== defaultModify(row.aggkind)) {
        options.push(
          `MFINALFUNC_MODIFY = ${decode("finalfunc modify", FINAL_MODIFY, row.movingFinalModify)}`,
        );
      }
    }
    if (row.movingInitialCondition !== null)
      options.push(`MINITCOND = ${quoteLiteral(row.movingInitialCondition)}`);
  }
  if (row.sortOperatorSchema !== null && row.sortOperatorName !== null) {
    const operator =
      row.sortOperatorSchema === "pg_catalog"
        ? row.sortOperatorName
        : `OPERATOR(${quoteIdent(row.sortOperatorSchema)}.${row.sortOperatorName})`;
    options.push(`SORTOP = ${operator}`);
  }
  if (row.parallel !== "u")
    options.push(`PARALLEL = ${decode("parallel safety", PARALLEL, row.parallel).toUpperCase()}`);
  if (row.aggkind === "h") options.push("HYPOTHETICAL");
  const name = quoteQualified(row.schema, row.name);
  // A zero-argument aggregate is declared `name(*)`, like count(*).
  const args = row.arguments === "" ? "*" : row.arguments;
  return `CREATE AGGREGATE ${name}(${args}) (\n    ${options.join(",\n    ")}\n)`;
}

export function readAggregate(row: AggregateRow): Aggregate {
  return {
    kind: "aggregate",
    id: ids.aggregate(row.schema, row.name, row.identityArguments),
    schema: row.schema,
    name: row.name,
    identityArguments: row.identityArguments,
    definition: aggregateDefinition(row),
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}
