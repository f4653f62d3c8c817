import { deepEqual } from "../../diff/compare.js";
import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId, type RenameScope, renamedRef } from "../kind.js";
import { operatorId } from "../operator/operator.model.js";
import {
  type FunctionMember,
  memberRequires,
  type OperatorFamily,
  type OperatorMember,
  operatorFamilyId,
} from "./operator-family.model.js";
import {
  memberKey,
  renderAddMembers,
  renderCreateOperatorFamily,
  renderDropMembers,
  renderDropOperatorFamily,
  usingName,
} from "./operator-family.render.js";

/** Members of `from` absent or different in `to`, keyed by number and operand types. */
function missing<M extends { readonly leftType: string; readonly rightType: string }>(
  from: readonly M[],
  to: readonly M[],
  number: (member: M) => number,
): readonly M[] {
  const kept = new Map(to.map((member) => [memberKey(number(member), member), member]));
  return from.filter((member) => {
    const other = kept.get(memberKey(number(member), member));
    return other === undefined || !deepEqual(other, member);
  });
}

const strategy = (member: OperatorMember) => member.strategy;
const supportNumber = (member: FunctionMember) => member.number;

/**
 * Members after the renames: their types and functions through the renamed types, their operator,
 * sort family and function through the schema renames.
 */
export function renamedMembers(
  object: { readonly operators: readonly OperatorMember[]; readonly functions: readonly FunctionMember[] },
  scope: Pick<RenameScope, "hinted" | "inSchema" | "typeRefs">,
): { readonly operators: readonly OperatorMember[]; readonly functions: readonly FunctionMember[] } {
  const { typeRefs } = scope;
  return {
    operators: object.operators.map((member) => ({
      ...member,
      leftType: typeRefs.names(member.leftType),
      rightType: typeRefs.names(member.rightType),
      // an operator moved by its hint (SET SCHEMA), a sort family renamed by its own
      operator: renamedRef(
        member.operator,
        (schema, name) => operatorId(schema, name, member.leftType, member.rightType),
        scope,
      ),
      orderBy: member.orderBy
        ? renamedRef(member.orderBy, (schema, name) => operatorFamilyId(schema, name, "btree"), scope)
        : null,
    })),
    functions: object.functions.map((member) => ({
      ...member,
      leftType: typeRefs.names(member.leftType),
      rightType: typeRefs.names(member.rightType),
      function: typeRefs.names(member.function),
    })),
  };
}

/** Members' references to operators and routines of the state, once every id's new value is known. */
export function memberReferences(
  object: { readonly operators: readonly OperatorMember[]; readonly functions: readonly FunctionMember[] },
  mapId: (id: string) => string,
): { readonly operators: readonly OperatorMember[]; readonly functions: readonly FunctionMember[] } {
  return {
    operators: object.operators.map((member) => ({
      ...member,
      operatorId: member.operatorId === null ? null : mapId(member.operatorId),
    })),
    functions: object.functions.map((member) => ({
      ...member,
      functionId: member.functionId === null ? null : mapId(member.functionId),
    })),
  };
}

/**
 * Operator families (`CREATE OPERATOR FAMILY`): created after their schema and the operators and
 * functions of their loose members, before the classes in them; members changed in place (`ALTER
 * OPERATOR FAMILY … DROP`, then `ADD`). Dropped after their classes (a family's DROP takes its
 * classes along, so they go first by their own steps).
 */
export const operatorFamilyKind: DefinitionKindSpec<OperatorFamily> = {
  ids: ownId,
  managed: (family, { isManaged }) => isManaged(family.schema),
  rename: {
    identity: (family, scope) => ({
      ...hintedIdentity(family, scope.hinted, scope.inSchema, (schema, name) =>
        operatorFamilyId(schema, name, family.method),
      ),
      ...renamedMembers(family, scope),
    }),
    references: (family, mapId) => ({ ...family, ...memberReferences(family, mapId) }),
  },
  fingerprint: "when_present",
  owned: { target: (family) => ({ kind: "named", sql: `OPERATOR FAMILY ${usingName(family)}` }), rank: 21 },
  definition: {
    id: (family: Omit<OperatorFamily, "id">) => operatorFamilyId(family.schema, family.name, family.method),
    noun: "operator_family",
    catalogKinds: ["operator family"],
    target: (family) => `OPERATOR FAMILY ${usingName(family)}`,
    create: renderCreateOperatorFamily,
    drop: renderDropOperatorFamily,
    alter: (from, to) => [
      ...renderDropMembers(
        to,
        missing(from.operators, to.operators, strategy),
        missing(from.functions, to.functions, supportNumber),
      ),
      ...renderAddMembers(
        to,
        missing(to.operators, from.operators, strategy),
        missing(to.functions, from.functions, supportNumber),
      ),
    ],
    requires: (family) => [ids.schema(family.schema), ...memberRequires(family.operators, family.functions)],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
