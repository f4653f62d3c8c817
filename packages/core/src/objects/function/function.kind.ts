import { ids } from "../../model/ids.js";
import { quoteIdent } from "../../sql/quote.js";
import { type KindSpec, ownId, renamedHeader, renamedName, routineTarget } from "../kind.js";
import { languageId } from "../language/language.model.js";

/** Routines are identified by their argument types: a renamed type renames them too. */
export const functionKind: KindSpec<"functions"> = {
  ids: ownId,
  managed: (fn, { isManaged }) => isManaged(fn.schema),
  rename: {
    identity: (fn, { inSchema, hinted, typeRefs }) => {
      const { schema, name } = hinted(fn.id) ?? { schema: inSchema(fn.schema), name: fn.name };
      const identityArguments = typeRefs.names(fn.identityArguments);
      // a language renamed by its hint: pg_get_functiondef prints ` LANGUAGE name` on a line of its own
      const language = renamedName(fn.language, languageId, hinted);
      const definition =
        language === fn.language
          ? fn.definition
          : fn.definition.replace(
              `\n LANGUAGE ${quoteIdent(fn.language)}\n`,
              `\n LANGUAGE ${quoteIdent(language)}\n`,
            );
      return {
        ...fn,
        id: ids.function(schema, name, identityArguments),
        schema,
        name,
        identityArguments,
        language,
        argumentTypes: typeRefs.names(fn.argumentTypes),
        arguments: typeRefs.names(fn.arguments),
        returns: fn.returns === null ? null : typeRefs.names(fn.returns),
        definition: typeRefs.functionDefinition(
          renamedHeader(definition, fn.kind.toUpperCase(), fn, { schema, name }),
        ),
      };
    },
    references: (fn, mapId) => ({ ...fn, calls: fn.calls.map(mapId).sort() }),
  },
  fingerprint: "always",
  owned: { target: routineTarget, rank: 6 },
  definition: null,
};
