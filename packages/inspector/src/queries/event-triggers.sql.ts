import type { Capabilities } from "../capabilities.js";
import { commentOf, notExtensionMember } from "./fragments.js";

export interface EventTriggerRow {
  readonly oid: number;
  readonly name: string;
  readonly event: string;
  readonly tags: readonly string[] | null;
  readonly functionSchema: string;
  readonly functionName: string;
  readonly functionArguments: string;
  readonly enabled: string;
  readonly owner: string;
  readonly comment: string | null;
}

/** Event triggers belong to the database, not to a schema: the `schemas` filter does not apply. */
export function eventTriggersQuery(_caps: Capabilities): string {
  return `
select e.oid, e.evtname as name, e.evtevent as event, e.evttags as tags,
  fn.nspname as "functionSchema", f.proname as "functionName",
  pg_get_function_identity_arguments(f.oid) as "functionArguments", e.evtenabled as enabled,
  pg_get_userbyid(e.evtowner) as owner, ${commentOf("pg_event_trigger", "e.oid")} as comment
from pg_event_trigger e
join pg_proc f on f.oid = e.evtfoid
join pg_namespace fn on fn.oid = f.pronamespace
where ${notExtensionMember("pg_event_trigger", "e.oid")}
order by e.evtname`;
}
