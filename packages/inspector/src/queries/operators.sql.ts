import { type CollectionModels, ids } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type Operator = CollectionModels["operators"];

interface NameRow {
  readonly schema: string;
  readonly name: string;
}

export interface OperatorRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  /** format_type of oprleft; null for a prefix operator. */
  readonly leftType: string | null;
  readonly rightType: string;
  readonly function: NameRow;
  /** pg_get_function_identity_arguments of the function when it is a user routine (oid >= 16384), else null. */
  readonly functionArguments: string | null;
  readonly commutator: NameRow | null;
  readonly negator: NameRow | null;
  readonly restrict: NameRow | null;
  readonly join: NameRow | null;
  readonly hashes: boolean;
  readonly merges: boolean;
  readonly owner: string;
  readonly comment: string | null;
}

const procedure = (oid: string) =>
  `(select json_build_object('schema', pn.nspname, 'name', p.proname) from pg_proc p
    join pg_namespace pn on pn.oid = p.pronamespace where p.oid = ${oid})`;
const operator = (oid: string) =>
  `(select json_build_object('schema', cn.nspname, 'name', c.oprname) from pg_operator c
    join pg_namespace cn on cn.oid = c.oprnamespace where c.oid = ${oid})`;

/**
 * Operators (pg_operator) in the managed schemas; shells (no function yet: made by a COMMUTATOR or
 * NEGATOR naming an operator not yet defined) are left out. The same on PostgreSQL 14–18.
 */
function operatorsQuery(_caps: Capabilities): string {
  return `
select o.oid, n.nspname as schema, o.oprname as name,
  case when o.oprleft = 0 then null else format_type(o.oprleft, null) end as "leftType",
  format_type(o.oprright, null) as "rightType",
  ${procedure("o.oprcode")} as function,
  case when o.oprcode::oid >= 16384 then pg_get_function_identity_arguments(o.oprcode) end as "functionArguments",
  ${operator("o.oprcom")} as commutator, ${operator("o.oprnegate")} as negator,
  ${procedure("o.oprrest")} as restrict, ${procedure("o.oprjoin")} as "join",
  o.oprcanhash as hashes, o.oprcanmerge as merges, pg_get_userbyid(o.oprowner) as owner,
  ${commentOf("pg_operator", "o.oid")} as comment
from pg_operator o
join pg_namespace n on n.oid = o.oprnamespace
where o.oprcode <> 0 and ${managedNamespace("n")} and ${notExtensionMember("pg_operator", "o.oid")}
order by n.nspname, o.oprname, o.oprleft, o.oprright`;
}

function readOperator(row: OperatorRow): Omit<Operator, "id"> {
  return {
    kind: "operator",
    schema: row.schema,
    name: row.name,
    leftType: row.leftType,
    rightType: row.rightType,
    function: row.function,
    functionId:
      row.functionArguments === null
        ? null
        : ids.function(row.function.schema, row.function.name, row.functionArguments),
    commutator: row.commutator,
    negator: row.negator,
    restrict: row.restrict,
    join: row.join,
    hashes: row.hashes,
    merges: row.merges,
    owner: row.owner,
    comment: row.comment,
  };
}

export const operatorsKind: KindQuery<"operators", OperatorRow> = {
  catalog: "pg_operator",
  query: operatorsQuery,
  read: readOperator,
};
