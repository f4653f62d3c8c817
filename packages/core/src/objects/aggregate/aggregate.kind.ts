import { ids } from "../../model/ids.js";
import { type KindSpec, noReferences, ownId, routineTarget } from "../kind.js";

/** Aggregates are identified by their argument types: a renamed type renames them too. */
export const aggregateKind: KindSpec<"aggregates"> = {
  ids: ownId,
  managed: (agg, { isManaged }) => isManaged(agg.schema),
  rename: {
    identity: (agg, { inSchema, typeRefs }) => {
      const schema = inSchema(agg.schema);
      const identityArguments = typeRefs.names(agg.identityArguments);
      return {
        ...agg,
        id: ids.aggregate(schema, agg.name, identityArguments),
        schema,
        identityArguments,
        definition: typeRefs.names(agg.definition),
      };
    },
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: routineTarget, rank: 7 },
  definition: null,
};
