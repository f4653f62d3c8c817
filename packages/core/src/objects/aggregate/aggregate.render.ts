import type { Aggregate } from "../../model/state.js";
import { routineSignature } from "../function/function.render.js";

/** `AGGREGATE name(args)` / `AGGREGATE name(*)`: how DROP, COMMENT and GRANT name it. */
export function aggregateObject(aggregate: Aggregate): string {
  return `AGGREGATE ${routineSignature({ routine: "aggregate", schema: aggregate.schema, name: aggregate.name, arguments: aggregate.identityArguments })}`;
}

/**
 * `CREATE AGGREGATE name (args) (SFUNC = …, STYPE = …, …);`: the inspector's rebuilt statement.
 * https://www.postgresql.org/docs/current/sql-createaggregate.html
 */
export function renderCreateAggregate(aggregate: Aggregate): string {
  return `${aggregate.definition.trim().replace(/;\s*$/, "")};`;
}

/**
 * `DROP AGGREGATE name(args);` (never CASCADE).
 * https://www.postgresql.org/docs/current/sql-dropaggregate.html
 */
export function renderDropAggregate(aggregate: Aggregate): string {
  return `DROP ${aggregateObject(aggregate)};`;
}
