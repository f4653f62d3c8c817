import { type CollectionModels, ids, operatorId } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { compareText } from "../read/order.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type OperatorFamily = CollectionModels["operatorFamilies"];
type OperatorMember = OperatorFamily["operators"][number];
type FunctionMember = OperatorFamily["functions"][number];

interface NameRow {
  readonly schema: string;
  readonly name: string;
}

export interface OperatorMemberRow {
  readonly strategy: number;
  readonly leftType: string;
  readonly rightType: string;
  readonly operator: NameRow;
  /** True when the operator is a user object (oid >= 16384): an operator of the state. */
  readonly userOperator: boolean;
  readonly orderBy: NameRow | null;
}

export interface FunctionMemberRow {
  readonly number: number;
  readonly leftType: string;
  readonly rightType: string;
  readonly function: string;
  /** The function's schema, name and identity arguments when it is a user routine (oid >= 16384). */
  readonly routine: { readonly schema: string; readonly name: string; readonly arguments: string } | null;
}

export interface MembersRow {
  readonly operators: readonly OperatorMemberRow[];
  readonly functions: readonly FunctionMemberRow[];
}

export interface OperatorFamilyRow extends MembersRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * The members (pg_amop, pg_amproc) bound to one family or class — those whose pg_depend row points
 * at it (`catalog` `pg_opfamily` or `pg_opclass`), as pg_dump tells a class's members from its
 * family's — as the select-list columns `operators` and `functions`. Its aliases all start with
 * `m`, so that `oid` (the outer query's `f.oid`, `c.oid`) is never shadowed.
 */
export function membersOf(catalog: "pg_opfamily" | "pg_opclass", oid: string): string {
  const boundTo = (memberCatalog: string, alias: string) =>
    `exists (select 1 from pg_depend md where md.classid = '${memberCatalog}'::regclass and md.objid = ${alias}.oid
      and md.refclassid = '${catalog}'::regclass and md.refobjid = ${oid})`;
  return `
  (select coalesce(json_agg(json_build_object('strategy', ma.amopstrategy,
      'leftType', format_type(ma.amoplefttype, null), 'rightType', format_type(ma.amoprighttype, null),
      'operator', json_build_object('schema', mon.nspname, 'name', mo.oprname), 'userOperator', mo.oid >= 16384,
      'orderBy', case when ma.amoppurpose = 'o' then json_build_object('schema', msn.nspname, 'name', ms.opfname) end)), '[]'::json)
    from pg_amop ma join pg_operator mo on mo.oid = ma.amopopr join pg_namespace mon on mon.oid = mo.oprnamespace
    left join pg_opfamily ms on ms.oid = ma.amopsortfamily left join pg_namespace msn on msn.oid = ms.opfnamespace
    where ${boundTo("pg_amop", "ma")}) as operators,
  (select coalesce(json_agg(json_build_object('number', mf.amprocnum,
      'leftType', format_type(mf.amproclefttype, null), 'rightType', format_type(mf.amprocrighttype, null),
      'function', mf.amproc::regprocedure::text,
      'routine', case when mp.oid >= 16384 then json_build_object('schema', mpn.nspname, 'name', mp.proname,
        'arguments', pg_get_function_identity_arguments(mp.oid)) end)), '[]'::json)
    from pg_amproc mf join pg_proc mp on mp.oid = mf.amproc join pg_namespace mpn on mpn.oid = mp.pronamespace
    where ${boundTo("pg_amproc", "mf")}) as functions`;
}

const byTypes = (a: { leftType: string; rightType: string }, b: { leftType: string; rightType: string }) =>
  compareText(a.leftType, b.leftType) || compareText(a.rightType, b.rightType);

/** The members of a row as the model has them, sorted by number, then operand types. */
export function readMembers(row: MembersRow): {
  readonly operators: readonly OperatorMember[];
  readonly functions: readonly FunctionMember[];
} {
  return {
    operators: row.operators
      .map((member) => ({
        strategy: member.strategy,
        leftType: member.leftType,
        rightType: member.rightType,
        operator: member.operator,
        operatorId: member.userOperator
          ? operatorId(member.operator.schema, member.operator.name, member.leftType, member.rightType)
          : null,
        orderBy: member.orderBy,
      }))
      .sort((a, b) => a.strategy - b.strategy || byTypes(a, b)),
    functions: row.functions
      .map((member) => ({
        number: member.number,
        leftType: member.leftType,
        rightType: member.rightType,
        function: member.function,
        functionId:
          member.routine === null
            ? null
            : ids.function(member.routine.schema, member.routine.name, member.routine.arguments),
      }))
      .sort((a, b) => a.number - b.number || byTypes(a, b)),
  };
}

/**
 * Operator families (pg_opfamily) in the managed schemas, extension members left out, with their
 * loose members. The same on PostgreSQL 14–18.
 */
function operatorFamiliesQuery(_caps: Capabilities): string {
  return `
select f.oid, n.nspname as schema, f.opfname as name, am.amname as method,
  pg_get_userbyid(f.opfowner) as owner, ${commentOf("pg_opfamily", "f.oid")} as comment,
  ${membersOf("pg_opfamily", "f.oid")}
from pg_opfamily f
join pg_namespace n on n.oid = f.opfnamespace
join pg_am am on am.oid = f.opfmethod
where ${managedNamespace("n")} and ${notExtensionMember("pg_opfamily", "f.oid")}
order by n.nspname, f.opfname, am.amname`;
}

function readOperatorFamily(row: OperatorFamilyRow): Omit<OperatorFamily, "id"> {
  return {
    kind: "operator_family",
    schema: row.schema,
    name: row.name,
    method: row.method,
    ...readMembers(row),
    owner: row.owner,
    comment: row.comment,
  };
}

export const operatorFamiliesKind: KindQuery<"operatorFamilies", OperatorFamilyRow> = {
  catalog: "pg_opfamily",
  query: operatorFamiliesQuery,
  read: readOperatorFamily,
};
