import { type KindSpec, noReferences, ownId } from "../kind.js";

/** Default privileges in every schema (`schema: null`) are always managed; renames leave them as they are. */
export const defaultPrivilegeKind: KindSpec<"defaultPrivileges"> = {
  ids: ownId,
  managed: (privilege, { isManaged }) => privilege.schema === null || isManaged(privilege.schema),
  rename: {
    identity: (privilege) => privilege,
    references: noReferences,
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};
