import { PRIORITY } from "../../step/priorities.js";
import { foreignDataWrapperId } from "../foreign-data-wrapper/foreign-data-wrapper.model.js";
import { type DefinitionKindSpec, noReferences, ownId, renamedName } from "../kind.js";
import { type ForeignServer, foreignServerId } from "./foreign-server.model.js";
import {
  foreignServerTarget,
  renderAlterForeignServer,
  renderCreateForeignServer,
  renderDropForeignServer,
} from "./foreign-server.render.js";

/**
 * Foreign servers (`CREATE SERVER`): created after their wrapper, before their user mappings and
 * foreign tables; VERSION and options changed in place, another TYPE or wrapper dropped and created
 * again (refused while foreign tables or user mappings use it). Database-wide, like wrappers.
 */
export const foreignServerKind: DefinitionKindSpec<ForeignServer> = {
  ids: ownId,
  managed: (_server, { state }) => state.managedSchemas === null,
  rename: {
    // its own hint, and its wrapper's
    identity: (server, { hinted }) => {
      const name = renamedName(server.name, foreignServerId, hinted);
      const wrapper = renamedName(server.wrapper, foreignDataWrapperId, hinted);
      return name === server.name && wrapper === server.wrapper
        ? server
        : { ...server, id: foreignServerId(name), name, wrapper };
    },
    references: noReferences,
  },
  fingerprint: "when_present",
  owned: {
    target: (server: ForeignServer) => ({
      kind: "named",
      sql: foreignServerTarget(server),
      grant: `FOREIGN ${foreignServerTarget(server)}`,
    }),
    rank: 31,
  },
  definition: {
    id: (server) => foreignServerId(server.name),
    noun: "foreign_server",
    catalogKinds: ["foreign server"],
    target: foreignServerTarget,
    create: (server) => [renderCreateForeignServer(server)],
    drop: renderDropForeignServer,
    alter: (from, to) => {
      const sql = renderAlterForeignServer(from, to);
      if (sql !== null) return [sql];
      return from.type === to.type && from.wrapper === to.wrapper ? [] : null;
    },
    requires: (server) => [foreignDataWrapperId(server.wrapper)],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
