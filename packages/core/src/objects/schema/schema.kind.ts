import { ids } from "../../model/ids.js";
import { type KindSpec, noReferences, ownId } from "../kind.js";

export const schemaKind: KindSpec<"schemas"> = {
  ids: ownId,
  managed: (schema, { isManaged }) => isManaged(schema.name),
  rename: {
    identity: (schema, { inSchema }) => {
      const name = inSchema(schema.name);
      return { ...schema, id: ids.schema(name), name };
    },
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: (schema) => ({ kind: "schema", name: schema.name }), rank: 1 },
  definition: null,
};
