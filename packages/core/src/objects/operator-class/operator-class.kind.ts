import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId, renamedRef } from "../kind.js";
import { memberReferences, renamedMembers } from "../operator-family/operator-family.kind.js";
import { memberRequires, operatorFamilyId } from "../operator-family/operator-family.model.js";
import { usingName } from "../operator-family/operator-family.render.js";
import { type OperatorClass, operatorClassId } from "./operator-class.model.js";
import { renderCreateOperatorClass, renderDropOperatorClass } from "./operator-class.render.js";

const target = (opclass: OperatorClass) => `OPERATOR CLASS ${usingName(opclass)}`;

/**
 * Operator classes (`CREATE OPERATOR CLASS`): created after their family, type, operators and
 * functions, before the indexes that use them; PostgreSQL has no ALTER for a class's definition,
 * so a changed one is dropped and created again — refused, with the users listed, while an index
 * or exclusion constraint uses it.
 */
export const operatorClassKind: DefinitionKindSpec<OperatorClass> = {
  ids: ownId,
  managed: (opclass, { isManaged }) => isManaged(opclass.schema),
  rename: {
    identity: (opclass, scope) => {
      const { typeRefs } = scope;
      const idFor = (schema: string, name: string) => operatorClassId(schema, name, opclass.method);
      return {
        ...hintedIdentity(opclass, scope.hinted, scope.inSchema, idFor),
        ...renamedMembers(opclass, scope),
        type: typeRefs.names(opclass.type),
        storage: opclass.storage === null ? null : typeRefs.names(opclass.storage),
        family: renamedRef(
          opclass.family,
          (schema, name) => operatorFamilyId(schema, name, opclass.method),
          scope,
        ),
      };
    },
    references: (opclass, mapId) => ({ ...opclass, ...memberReferences(opclass, mapId) }),
  },
  fingerprint: "when_present",
  owned: { target: (opclass) => ({ kind: "named", sql: target(opclass) }), rank: 22 },
  definition: {
    id: (opclass: Omit<OperatorClass, "id">) => operatorClassId(opclass.schema, opclass.name, opclass.method),
    noun: "operator_class",
    catalogKinds: ["operator class"],
    target,
    create: (opclass) => [renderCreateOperatorClass(opclass)],
    drop: renderDropOperatorClass,
    requires: (opclass) => [
      ids.schema(opclass.schema),
      ...(opclass.family.schema === "pg_catalog"
        ? []
        : [operatorFamilyId(opclass.family.schema, opclass.family.name, opclass.method)]),
      ...memberRequires(opclass.operators, opclass.functions),
    ],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
