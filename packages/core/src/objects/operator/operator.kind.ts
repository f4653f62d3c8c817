import { deepEqual } from "../../diff/compare.js";
import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { definitionFields } from "../definition/definition.js";
import { type DefinitionKindSpec, ownId, renamedRef } from "../kind.js";
import { type Operator, operatorId } from "./operator.model.js";
import {
  operatorSignature,
  renderAlterOperatorEstimators,
  renderCreateOperator,
  renderDropOperator,
} from "./operator.render.js";

const target = (operator: Operator) => `OPERATOR ${operatorSignature(operator)}`;

const estimatorsAside = (operator: Operator) => definitionFields({ ...operator, restrict: null, join: null });

/**
 * Operators (`CREATE OPERATOR`): created with the functions (after the one they call; catalog
 * dependencies order the types, and the operator classes and indexes that use them after), changed
 * in place only in their estimators, otherwise dropped and created again — refused while an index,
 * constraint, operator class or view uses them.
 */
export const operatorKind: DefinitionKindSpec<Operator> = {
  ids: ownId,
  managed: (operator, { isManaged }) => isManaged(operator.schema),
  rename: {
    identity: (operator, scope) => {
      const { typeRefs } = scope;
      // moved by its hint (SET SCHEMA: an operator has no RENAME TO), else with its schema
      const { schema } = renamedRef(
        operator,
        (s, n) => operatorId(s, n, operator.leftType, operator.rightType),
        scope,
      );
      // its commutator takes the arguments the other way round, its negator the same ones
      const { leftType: left, rightType: right } = operator;
      const follow = (ref: Operator["commutator"], l: string | null, r: string | null) =>
        ref === null || r === null ? ref : renamedRef(ref, (s, n) => operatorId(s, n, l, r), scope);
      const leftType = operator.leftType === null ? null : typeRefs.names(operator.leftType);
      const rightType = typeRefs.names(operator.rightType);
      return {
        ...operator,
        id: operatorId(schema, operator.name, leftType, rightType),
        schema,
        leftType,
        rightType,
        commutator: follow(operator.commutator, right, left),
        negator: follow(operator.negator, left, right),
      };
    },
    references: (operator, mapId) => ({
      ...operator,
      functionId: operator.functionId === null ? null : mapId(operator.functionId),
    }),
  },
  fingerprint: "when_present",
  owned: { target: (operator) => ({ kind: "named", sql: target(operator) }), rank: 12 },
  definition: {
    id: (operator) => operatorId(operator.schema, operator.name, operator.leftType, operator.rightType),
    noun: "operator",
    catalogKinds: ["operator"],
    target,
    create: (operator) => [renderCreateOperator(operator)],
    drop: renderDropOperator,
    // PostgreSQL 14–16 change only the estimators in place (17 adds more; the same SQL serves all)
    alter: (from, to) =>
      deepEqual(estimatorsAside(from), estimatorsAside(to)) ? [renderAlterOperatorEstimators(to)] : null,
    requires: (operator) => [
      ids.schema(operator.schema),
      ...(operator.functionId ? [operator.functionId] : []),
    ],
    renamed: "set_schema",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
