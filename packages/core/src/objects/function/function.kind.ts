import { ids } from "../../model/ids.js";
import { type KindSpec, ownId, renamedHeader, routineTarget } from "../kind.js";

/** Routines are identified by their argument types: a renamed type renames them too. */
export const functionKind: KindSpec<"functions"> = {
  ids: ownId,
  managed: (fn, { isManaged }) => isManaged(fn.schema),
  rename: {
    identity: (fn, { inSchema, hinted, typeRefs }) => {
      const { schema, name } = hinted(fn.id) ?? { schema: inSchema(fn.schema), name: fn.name };
      const identityArguments = typeRefs.names(fn.identityArguments);
      return {
        ...fn,
        id: ids.function(schema, name, identityArguments),
        schema,
        name,
        identityArguments,
        argumentTypes: typeRefs.names(fn.argumentTypes),
        arguments: typeRefs.names(fn.arguments),
        returns: fn.returns === null ? null : typeRefs.names(fn.returns),
        definition: typeRefs.functionDefinition(
          renamedHeader(fn.definition, fn.kind.toUpperCase(), fn, { schema, name }),
        ),
      };
    },
    references: (fn, mapId) => ({ ...fn, calls: fn.calls.map(mapId).sort() }),
  },
  fingerprint: "always",
  owned: { target: routineTarget, rank: 6 },
  definition: null,
};
