import { ids } from "../../model/ids.js";
import { type KindSpec, noReferences, ownId, renamedHeader, routineTarget } from "../kind.js";

/** Aggregates are identified by their argument types: a renamed type renames them too. */
export const aggregateKind: KindSpec<"aggregates"> = {
  ids: ownId,
  managed: (agg, { isManaged }) => isManaged(agg.schema),
  rename: {
    identity: (agg, { inSchema, hinted, typeRefs }) => {
      const { schema, name } = hinted(agg.id) ?? { schema: inSchema(agg.schema), name: agg.name };
      const identityArguments = typeRefs.names(agg.identityArguments);
      return {
        ...agg,
        id: ids.aggregate(schema, name, identityArguments),
        schema,
        name,
        identityArguments,
        definition: typeRefs.names(renamedHeader(agg.definition, "AGGREGATE", agg, { schema, name })),
      };
    },
    references: noReferences,
  },
  fingerprint: "always",
  owned: { target: routineTarget, rank: 7 },
  definition: null,
};
