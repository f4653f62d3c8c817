import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, privilegesOf } from "./fragments.js";

export interface FunctionRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  /** `f` function, `p` procedure. */
  readonly prokind: string;
  readonly identityArguments: string;
  readonly argumentTypes: string;
  readonly arguments: string;
  readonly returns: string | null;
  readonly language: string;
  readonly definition: string;
  /** prosrc: the body string; empty for a SQL-standard (`BEGIN ATOMIC`) body. */
  readonly body: string;
  readonly volatility: string;
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly leakproof: boolean;
  readonly parallel: string;
  readonly config: readonly string[] | null;
  readonly cost: number;
  readonly rows: number;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

/**
 * Functions and procedures; aggregates are read separately and window functions are left out, as
 * are functions that exist only because another object does (`internal` dependency: the
 * constructors of a range or multirange type).
 */
export function functionsQuery(_caps: Capabilities): string {
  return `
select p.oid, n.nspname as schema, p.proname as name, p.prokind,
  pg_get_function_identity_arguments(p.oid) as "identityArguments",
  oidvectortypes(p.proargtypes) as "argumentTypes",
  pg_get_function_arguments(p.oid) as arguments,
  case when p.prokind = 'f' then pg_get_function_result(p.oid) end as returns,
  l.lanname as language, pg_get_functiondef(p.oid) as definition,
  case when p.prosqlbody is null then p.prosrc else '' end as body, p.provolatile as volatility,
  p.proisstrict as strict, p.prosecdef as "securityDefiner", p.proleakproof as leakproof,
  p.proparallel as parallel, p.proconfig as config, p.procost::float8 as cost, p.prorows::float8 as rows,
  pg_get_userbyid(p.proowner) as owner, ${commentOf("pg_proc", "p.oid")} as comment,
  ${privilegesOf("p.proacl", "p.proowner", "f")} as privileges
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
where p.prokind in ('f', 'p') and ${managedNamespace("n")} and ${notExtensionMember("pg_proc", "p.oid")}
  and not exists (select 1 from pg_depend i where i.classid = 'pg_proc'::regclass and i.objid = p.oid
    and i.deptype = 'i')
order by n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)`;
}
