import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type MembersRow, membersOf, readMembers } from "./operator-families.sql.js";

type OperatorClass = CollectionModels["operatorClasses"];

export interface OperatorClassRow extends MembersRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly type: string;
  readonly isDefault: boolean;
  readonly family: { readonly schema: string; readonly name: string };
  readonly storage: string | null;
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * Operator classes (pg_opclass) in the managed schemas, extension members left out, with the
 * members bound to them. The same on PostgreSQL 14–18.
 */
function operatorClassesQuery(_caps: Capabilities): string {
  return `
select c.oid, n.nspname as schema, c.opcname as name, am.amname as method,
  format_type(c.opcintype, null) as type, c.opcdefault as "isDefault",
  json_build_object('schema', fn.nspname, 'name', f.opfname) as family,
  case when c.opckeytype = 0 then null else format_type(c.opckeytype, null) end as storage,
  pg_get_userbyid(c.opcowner) as owner, ${commentOf("pg_opclass", "c.oid")} as comment,
  ${membersOf("pg_opclass", "c.oid")}
from pg_opclass c
join pg_namespace n on n.oid = c.opcnamespace
join pg_am am on am.oid = c.opcmethod
join pg_opfamily f on f.oid = c.opcfamily
join pg_namespace fn on fn.oid = f.opfnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_opclass", "c.oid")}
order by n.nspname, c.opcname, am.amname`;
}

function readOperatorClass(row: OperatorClassRow): Omit<OperatorClass, "id"> {
  return {
    kind: "operator_class",
    schema: row.schema,
    name: row.name,
    method: row.method,
    type: row.type,
    isDefault: row.isDefault,
    family: row.family,
    storage: row.storage,
    ...readMembers(row),
    owner: row.owner,
    comment: row.comment,
  };
}

export const operatorClassesKind: KindQuery<"operatorClasses", OperatorClassRow> = {
  catalog: "pg_opclass",
  query: operatorClassesQuery,
  read: readOperatorClass,
};
