import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, schemaRelations } from "./fragments.js";

export interface TriggerRow {
  readonly oid: number;
  readonly schema: string;
  readonly table: string;
  readonly tableKind: string;
  readonly name: string;
  readonly definition: string;
  readonly functionSchema: string;
  readonly functionName: string;
  readonly functionArguments: string;
  readonly type: number;
  readonly updateColumns: readonly string[];
  /** `tgargs` as hex: NUL-terminated arguments (decoded in read/triggers.ts). */
  readonly argumentBytes: string;
  readonly argumentCount: number;
  readonly enabled: string;
  readonly constraintTrigger: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly oldTable: string | null;
  readonly newTable: string | null;
  readonly parentSchema: string | null;
  readonly parentTable: string | null;
  readonly parentName: string | null;
  readonly comment: string | null;
}

/**
 * User triggers on managed tables and views. Internal triggers (foreign-key enforcement and the
 * like) are left out; a trigger a partition has because its parent has one is kept, with its
 * parent. PG 14 marks those internal, so there they are recognised by `tgparentid` instead.
 */
export function triggersQuery(caps: Capabilities): string {
  const userTrigger = caps.clonedTriggersAreInternal
    ? "(not t.tgisinternal or (t.tgparentid <> 0 and t.tgconstraint = 0))"
    : "not t.tgisinternal";
  return `
select t.oid, n.nspname as schema, c.relname as table, c.relkind as "tableKind", t.tgname as name,
  pg_get_triggerdef(t.oid) as definition, fn.nspname as "functionSchema", f.proname as "functionName",
  pg_get_function_identity_arguments(f.oid) as "functionArguments", t.tgtype::int as type,
  (select coalesce(json_agg(a.attname order by k.ord), '[]'::json)
     from unnest(t.tgattr) with ordinality k(attnum, ord)
     join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = k.attnum) as "updateColumns",
  encode(t.tgargs, 'hex') as "argumentBytes", t.tgnargs as "argumentCount",
  t.tgenabled as enabled, t.tgconstraint <> 0 as "constraintTrigger", t.tgdeferrable as deferrable,
  t.tginitdeferred as "initiallyDeferred", t.tgoldtable as "oldTable", t.tgnewtable as "newTable",
  ptn.nspname as "parentSchema", ptc.relname as "parentTable", pt.tgname as "parentName",
  ${commentOf("pg_trigger", "t.oid")} as comment
from ${schemaRelations("c", "n")}
join pg_trigger t on t.tgrelid = c.oid
join pg_proc f on f.oid = t.tgfoid
join pg_namespace fn on fn.oid = f.pronamespace
left join pg_trigger pt on pt.oid = t.tgparentid
left join pg_class ptc on ptc.oid = pt.tgrelid
left join pg_namespace ptn on ptn.oid = ptc.relnamespace
where ${userTrigger} and c.relkind in ('r', 'p', 'v', 'm')
  and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname, t.tgname`;
}
