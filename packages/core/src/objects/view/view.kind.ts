import { ids } from "../../model/ids.js";
import { type KindSpec, noReferences, ownId, relationTarget, reschema } from "../kind.js";

export const viewKind: KindSpec<"views"> = {
  ids: ownId,
  managed: (view, { isManaged }) => isManaged(view.schema),
  rename: {
    identity: (view, { inSchema, typeRefs }) => ({
      ...reschema(view, inSchema, ids.view),
      definition: typeRefs.casts(view.definition),
    }),
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: relationTarget, rank: 4 },
  definition: null,
};
