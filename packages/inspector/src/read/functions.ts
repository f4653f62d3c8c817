import { type Aggregate, type Function as FunctionObject, ids } from "@pg-flux/core";
import type { FunctionRow } from "../queries/functions.sql.js";
import { mayNameAny, routineBodyCalls } from "./body-calls.js";
import { decode, PARALLEL, VOLATILITY } from "./codes.js";
import { compareText, sortedText } from "./order.js";
import { readPrivileges } from "./privileges.js";

/** One function or procedure; `calls` is filled by `withCalls` once every routine is known. */
export function readFunction(row: FunctionRow): FunctionObject {
  return {
    kind: row.prokind === "p" ? "procedure" : "function",
    id: ids.function(row.schema, row.name, row.identityArguments),
    schema: row.schema,
    name: row.name,
    identityArguments: row.identityArguments,
    argumentTypes: row.argumentTypes,
    arguments: row.arguments,
    returns: row.prokind === "p" ? null : row.returns,
    language: row.language,
    definition: row.definition,
    calls: [],
    volatility: decode("volatility", VOLATILITY, row.volatility),
    strict: row.strict,
    securityDefiner: row.securityDefiner,
    leakproof: row.leakproof,
    parallel: decode("parallel safety", PARALLEL, row.parallel),
    config: sortedText(row.config ?? []),
    cost: row.cost,
    rows: row.rows,
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}

/**
 * The functions with `calls` filled: the routines of the state (functions, procedures, aggregates)
 * that each string body calls by name (`routineBodyCalls`; `loadBodyParser` must have run). A qualified call names its schema; an unqualified one matches that name in the schemas
 * of the routine's own `search_path` setting, or in every schema when it sets none (the session's
 * path at call time is unknown: more edges only order more, never less). A routine calling itself
 * lists nothing for that.
 */
export function withCalls(
  functions: readonly FunctionObject[],
  rows: readonly FunctionRow[],
  aggregates: readonly Aggregate[],
): FunctionObject[] {
  const byName = new Map<string, { readonly id: string; readonly schema: string }[]>();
  for (const routine of [...functions, ...aggregates]) {
    const list = byName.get(routine.name);
    if (list) list.push(routine);
    else byName.set(routine.name, [routine]);
  }
  const names = new Set(byName.keys());
  return functions.map((fn, i) => {
    const row = rows[i];
    if (!row || !mayNameAny(row.body, names)) return fn;
    const path = searchPath(fn.config);
    const calls = new Set<string>();
    for (const call of routineBodyCalls({
      language: fn.language,
      definition: fn.definition,
      body: row.body,
    })) {
      for (const target of byName.get(call.name) ?? []) {
        const inScope =
          call.schema !== null ? target.schema === call.schema : !path || path.has(target.schema);
        if (inScope && target.id !== fn.id) calls.add(target.id);
      }
    }
    return calls.size === 0 ? fn : { ...fn, calls: [...calls].sort(compareText) };
  });
}

/**
 * Whether reading these routines parses a body (`withCalls`), so libpg-query must be loaded first:
 * some body names a routine of the catalog (`mayNameAny`).
 */
export function needsBodyParser(
  functions: readonly FunctionRow[],
  aggregates: readonly { readonly name: string }[],
): boolean {
  const names = new Set([...functions, ...aggregates].map((routine) => routine.name));
  return functions.some((row) => mayNameAny(row.body, names));
}

/** The schemas of a `search_path=…` setting (`"$user"` left out); null when the routine sets none. */
function searchPath(config: readonly string[]): ReadonlySet<string> | null {
  const setting = config.find((item) => item.startsWith("search_path="));
  if (setting === undefined) return null;
  return new Set(
    setting
      .slice("search_path=".length)
      .split(",")
      .map((item) => item.trim())
      .map((item) => (item.startsWith('"') ? item.slice(1, -1).replaceAll('""', '"') : item))
      .filter((item) => item !== "" && item !== "$user"),
  );
}
