import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, privilegesOf } from "./fragments.js";

/** One pg_aggregate row, with every function and type already printed as SQL text. */
export interface AggregateRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly identityArguments: string;
  readonly arguments: string;
  /** `n` normal, `o` ordered-set, `h` hypothetical-set. */
  readonly aggkind: string;
  readonly transitionFunction: string;
  readonly stateType: string;
  readonly stateSpace: number;
  readonly finalFunction: string | null;
  readonly finalExtra: boolean;
  readonly finalModify: string;
  readonly combineFunction: string | null;
  readonly serialFunction: string | null;
  readonly deserialFunction: string | null;
  readonly initialCondition: string | null;
  readonly movingTransitionFunction: string | null;
  readonly movingInverseFunction: string | null;
  readonly movingStateType: string | null;
  readonly movingStateSpace: number;
  readonly movingFinalFunction: string | null;
  readonly movingFinalExtra: boolean;
  readonly movingFinalModify: string;
  readonly movingInitialCondition: string | null;
  readonly sortOperatorSchema: string | null;
  readonly sortOperatorName: string | null;
  readonly parallel: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

/** `regproc` text for a function oid column, null when unset (0). */
function proc(column: string): string {
  return `nullif(${column}::oid, 0)::regproc::text`;
}

export function aggregatesQuery(_caps: Capabilities): string {
  return `
select p.oid, n.nspname as schema, p.proname as name,
  pg_get_function_identity_arguments(p.oid) as "identityArguments",
  pg_get_function_arguments(p.oid) as arguments, a.aggkind,
  ${proc("a.aggtransfn")} as "transitionFunction", format_type(a.aggtranstype, null) as "stateType",
  a.aggtransspace as "stateSpace", ${proc("a.aggfinalfn")} as "finalFunction",
  a.aggfinalextra as "finalExtra", a.aggfinalmodify as "finalModify",
  ${proc("a.aggcombinefn")} as "combineFunction", ${proc("a.aggserialfn")} as "serialFunction",
  ${proc("a.aggdeserialfn")} as "deserialFunction", a.agginitval as "initialCondition",
  ${proc("a.aggmtransfn")} as "movingTransitionFunction", ${proc("a.aggminvtransfn")} as "movingInverseFunction",
  case when a.aggmtranstype <> 0 then format_type(a.aggmtranstype, null) end as "movingStateType",
  a.aggmtransspace as "movingStateSpace", ${proc("a.aggmfinalfn")} as "movingFinalFunction",
  a.aggmfinalextra as "movingFinalExtra", a.aggmfinalmodify as "movingFinalModify",
  a.aggminitval as "movingInitialCondition",
  opn.nspname as "sortOperatorSchema", op.oprname as "sortOperatorName",
  p.proparallel as parallel, pg_get_userbyid(p.proowner) as owner,
  ${commentOf("pg_proc", "p.oid")} as comment,
  ${privilegesOf("p.proacl", "p.proowner", "f")} as privileges
from pg_aggregate a
join pg_proc p on p.oid = a.aggfnoid
join pg_namespace n on n.oid = p.pronamespace
left join pg_operator op on op.oid = a.aggsortop
left join pg_namespace opn on opn.oid = op.oprnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_proc", "p.oid")}
order by n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)`;
}
