import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import {
  commentOf,
  managedNamespace,
  notExtensionMember,
  privilegesOf,
  schemaRelations,
} from "./fragments.js";

export interface TableRow {
  readonly oid: number;
  /** The row type's pg_type oid. */
  readonly reltype: number;
  readonly schema: string;
  readonly name: string;
  readonly persistence: string;
  readonly partitionStrategy: string | null;
  readonly partitionKey: string | null;
  readonly parentSchema: string | null;
  readonly parentName: string | null;
  readonly bound: string | null;
  /** Inheritance parents as `[schema, name]`, in inhseqno order (partitions: empty). */
  readonly inherits: readonly (readonly [string, string])[];
  /** A typed table's type (`reloftype`), else null. */
  readonly ofTypeSchema: string | null;
  readonly ofTypeName: string | null;
  /** The table access method (`USING am`) when it is not heap, else null. */
  readonly accessMethod: string | null;
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly replicaIdentity: string;
  readonly replicaIdentityIndex: string | null;
  readonly clusterIndex: string | null;
  readonly options: readonly string[] | null;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
  readonly reltuples: number;
  readonly relpages: number;
}

/** Ordinary and partitioned tables (relkind r, p). */
export function tablesQuery(_caps: Capabilities): string {
  return `
select c.oid, c.reltype, n.nspname as schema, c.relname as name, c.relpersistence as persistence,
  pt.partstrat as "partitionStrategy",
  case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as "partitionKey",
  pn.nspname as "parentSchema", pc.relname as "parentName",
  case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as bound,
  (select coalesce(json_agg(json_build_array(hn.nspname, hc.relname) order by h.inhseqno), '[]'::json)
     from pg_inherits h join pg_class hc on hc.oid = h.inhparent join pg_namespace hn on hn.oid = hc.relnamespace
     where h.inhrelid = c.oid and not c.relispartition) as inherits,
  otn.nspname as "ofTypeSchema", ot.typname as "ofTypeName",
  (select am.amname from pg_am am where am.oid = c.relam and am.amname <> 'heap') as "accessMethod",
  c.relrowsecurity as "rowSecurity", c.relforcerowsecurity as "forceRowSecurity",
  c.relreplident as "replicaIdentity",
  (select ic.relname from pg_index i join pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisreplident) as "replicaIdentityIndex",
  (select ic.relname from pg_index i join pg_class ic on ic.oid = i.indexrelid
     where i.indrelid = c.oid and i.indisclustered) as "clusterIndex",
  c.reloptions as options, pg_get_userbyid(c.relowner) as owner,
  ${commentOf("pg_class", "c.oid")} as comment,
  ${privilegesOf("c.relacl", "c.relowner", "r")} as privileges,
  c.reltuples::float8 as reltuples, c.relpages as relpages
from ${schemaRelations("c", "n")}
left join pg_partitioned_table pt on pt.partrelid = c.oid
left join pg_inherits pi on c.relispartition and pi.inhrelid = c.oid
left join pg_class pc on pc.oid = pi.inhparent
left join pg_namespace pn on pn.oid = pc.relnamespace
left join pg_type ot on ot.oid = c.reloftype
left join pg_namespace otn on otn.oid = ot.typnamespace
where c.relkind in ('r', 'p') and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname`;
}
