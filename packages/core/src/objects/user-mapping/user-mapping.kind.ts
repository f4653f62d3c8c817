import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { hazard } from "../../step/step.js";
import { foreignServerId } from "../foreign-server/foreign-server.model.js";
import { type DefinitionKindSpec, noReferences, ownId, renamedName } from "../kind.js";
import { type UserMapping, userMappingId } from "./user-mapping.model.js";
import {
  renderAlterUserMapping,
  renderCreateUserMapping,
  renderDropUserMapping,
  userMappingTarget,
} from "./user-mapping.render.js";

/**
 * User mappings (`CREATE USER MAPPING FOR role SERVER s`): created after their server (and role,
 * with --manage-roles), options changed in place. Their secret options are never read nor planned
 * (user-mapping.model.ts `isSecretOption`), so no printed plan can hold them.
 * Database-wide, like servers.
 */
export const userMappingKind: DefinitionKindSpec<UserMapping> = {
  ids: ownId,
  managed: (_mapping, { state }) => state.managedSchemas === null,
  rename: {
    // follows its server's rename (its id names the server); a mapping has no name of its own
    identity: (mapping, { hinted }) => {
      const server = renamedName(mapping.server, foreignServerId, hinted);
      return server === mapping.server
        ? mapping
        : { ...mapping, id: userMappingId(mapping.user, server), server };
    },
    references: noReferences,
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (mapping) => userMappingId(mapping.user, mapping.server),
    noun: "user_mapping",
    catalogKinds: ["user mapping"],
    target: userMappingTarget,
    create: (mapping) => [renderCreateUserMapping(mapping)],
    drop: renderDropUserMapping,
    alter: (from, to) => [renderAlterUserMapping(from, to)].filter((sql) => sql !== null),
    requires: (mapping) => [
      foreignServerId(mapping.server),
      ...(mapping.user === "PUBLIC" ? [] : [ids.role(mapping.user)]),
    ],
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
    // Who reaches the foreign server changes, and a credential set on the mapping by hand goes with
    // it: pg-flux never read it, so it cannot put it back. Not DATA_LOSS (no rows), not blocking.
    dropHazards: (mapping) => [
      hazard(
        "AUTHZ_UPDATE",
        `${mapping.user === "PUBLIC" ? "every role" : `role ${mapping.user}`} loses its mapping to server ${mapping.server}; a password or other credential set on it by hand is dropped with it and is not in the plan to set again`,
      ),
    ],
  },
};
