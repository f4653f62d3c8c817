import { ids } from "../../model/ids.js";
import { type KindSpec, noReferences, ownId, reschema } from "../kind.js";

export const collationKind: KindSpec<"collations"> = {
  ids: ownId,
  managed: (collation, { isManaged }) => isManaged(collation.schema),
  rename: {
    identity: (collation, { inSchema }) => reschema(collation, inSchema, ids.collation),
    references: noReferences,
  },
  fingerprint: "when_present",
  owned: {
    target: (collation) => ({ kind: "collation", schema: collation.schema, name: collation.name }),
    rank: 11,
  },
  definition: null,
};
