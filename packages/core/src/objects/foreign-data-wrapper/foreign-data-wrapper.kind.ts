import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, ownId, renamedName } from "../kind.js";
import { type ForeignDataWrapper, foreignDataWrapperId } from "./foreign-data-wrapper.model.js";
import {
  foreignDataWrapperTarget,
  renderAlterForeignDataWrapper,
  renderCreateForeignDataWrapper,
  renderDropForeignDataWrapper,
} from "./foreign-data-wrapper.render.js";

/**
 * Foreign-data wrappers (`CREATE FOREIGN DATA WRAPPER`): created after the functions they name
 * (HANDLER, VALIDATOR), before their servers; handler, validator and options changed in place.
 * They belong to the database: a `--schemas` filter leaves them alone, as it does casts between
 * built-in types.
 */
export const foreignDataWrapperKind: DefinitionKindSpec<ForeignDataWrapper> = {
  ids: ownId,
  managed: (_wrapper, { state }) => state.managedSchemas === null,
  rename: {
    identity: (wrapper, { hinted }) => {
      const name = renamedName(wrapper.name, foreignDataWrapperId, hinted);
      return name === wrapper.name ? wrapper : { ...wrapper, id: foreignDataWrapperId(name), name };
    },
    references: (wrapper, mapId) => ({ ...wrapper, functionIds: wrapper.functionIds.map(mapId) }),
  },
  fingerprint: "when_present",
  owned: {
    target: (wrapper: ForeignDataWrapper) => ({ kind: "named", sql: foreignDataWrapperTarget(wrapper) }),
    rank: 30,
  },
  definition: {
    id: (wrapper) => foreignDataWrapperId(wrapper.name),
    noun: "foreign_data_wrapper",
    catalogKinds: ["foreign-data wrapper"],
    target: foreignDataWrapperTarget,
    create: (wrapper) => [renderCreateForeignDataWrapper(wrapper)],
    drop: renderDropForeignDataWrapper,
    alter: (from, to) => [renderAlterForeignDataWrapper(from, to)].filter((sql) => sql !== null),
    requires: (wrapper) => wrapper.functionIds,
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
