import { ids } from "../../model/ids.js";
import { hintedIdentity, type KindSpec, noReferences, ownId, relationTarget } from "../kind.js";

export const viewKind: KindSpec<"views"> = {
  ids: ownId,
  managed: (view, { isManaged }) => isManaged(view.schema),
  rename: {
    identity: (view, { inSchema, hinted, typeRefs }) => ({
      ...hintedIdentity(view, hinted, inSchema, ids.view),
      definition: typeRefs.casts(view.definition),
    }),
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: relationTarget, rank: 4 },
  definition: null,
};
