import { type KindSpec, noReferences, ownId } from "../kind.js";

/** An extension's id is its name alone: a schema rename moves its objects, not its identity. */
export const extensionKind: KindSpec<"extensions"> = {
  ids: ownId,
  managed: (extension, { isManaged }) => isManaged(extension.schema),
  rename: {
    identity: (extension, { inSchema }) => ({ ...extension, schema: inSchema(extension.schema) }),
    references: noReferences,
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};
