import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, privilegesOf } from "./fragments.js";

export interface SchemaRow {
  readonly oid: number;
  readonly name: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export function schemasQuery(_caps: Capabilities): string {
  return `
select n.oid, n.nspname as name, pg_get_userbyid(n.nspowner) as owner,
  ${commentOf("pg_namespace", "n.oid")} as comment,
  ${privilegesOf("n.nspacl", "n.nspowner", "n")} as privileges
from pg_namespace n
where ${managedNamespace("n")} and ${notExtensionMember("pg_namespace", "n.oid")}
order by n.nspname`;
}
