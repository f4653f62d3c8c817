import { ids } from "../../model/ids.js";
import { hintedIdentity, type KindSpec, noReferences, ownId, relationTarget } from "../kind.js";

export const materializedViewKind: KindSpec<"materializedViews"> = {
  ids: ownId,
  managed: (view, { isManaged }) => isManaged(view.schema),
  rename: {
    identity: (view, { inSchema, hinted, typeRefs }) => ({
      ...hintedIdentity(view, hinted, inSchema, ids.materializedView),
      definition: typeRefs.casts(view.definition),
    }),
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: relationTarget, rank: 5 },
  definition: null,
};
