import type { Function as Routine } from "../../model/state.js";
import { relationName } from "../sql.js";

/**
 * `name(identity arguments)` as DROP/COMMENT/GRANT name a routine; a zero-argument aggregate is
 * `name(*)`. The arguments are the server's `pg_get_function_identity_arguments` text.
 */
export function routineSignature(routine: {
  readonly routine: "function" | "procedure" | "aggregate";
  readonly schema: string;
  readonly name: string;
  readonly arguments: string;
}): string {
  const args = routine.routine === "aggregate" && routine.arguments === "" ? "*" : routine.arguments;
  return `${relationName(routine.schema, routine.name)}(${args})`;
}

/** `FUNCTION f(a integer)` / `PROCEDURE p()`: how GRANT and DROP name it. */
export function functionObject(fn: Routine): string {
  return `${fn.kind.toUpperCase()} ${routineSignature({ routine: fn.kind, schema: fn.schema, name: fn.name, arguments: fn.identityArguments })}`;
}

/**
 * `CREATE OR REPLACE FUNCTION … ;` / `CREATE OR REPLACE PROCEDURE … ;`: the server's own
 * `pg_get_functiondef` text of the desired routine, which states everything (language, volatility,
 * security, config, body) and creates or replaces alike.
 * https://www.postgresql.org/docs/current/sql-createfunction.html
 * https://www.postgresql.org/docs/current/sql-createprocedure.html
 */
export function renderCreateFunction(fn: Routine): string {
  return `${fn.definition.trim().replace(/;\s*$/, "")};`;
}

/**
 * `DROP FUNCTION name(args);` / `DROP PROCEDURE name(args);` (never CASCADE).
 * https://www.postgresql.org/docs/current/sql-dropfunction.html
 */
export function renderDropFunction(fn: Routine): string {
  return `DROP ${functionObject(fn)};`;
}
