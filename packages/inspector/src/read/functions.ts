import { type Function as FunctionObject, ids } from "@pg-flux/core";
import type { FunctionRow } from "../queries/functions.sql.js";
import { decode, PARALLEL, VOLATILITY } from "./codes.js";
import { sortedText } from "./order.js";
import { readPrivileges } from "./privileges.js";

export function readFunction(row: FunctionRow): FunctionObject {
  return {
    kind: row.prokind === "p" ? "procedure" : "function",
    id: ids.function(row.schema, row.name, row.identityArguments),
    schema: row.schema,
    name: row.name,
    identityArguments: row.identityArguments,
    arguments: row.arguments,
    returns: row.prokind === "p" ? null : row.returns,
    language: row.language,
    definition: row.definition,
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
