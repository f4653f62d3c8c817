import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId, renamedRef } from "../kind.js";
import { textSearchDictionaryId } from "../text-search-dictionary/text-search-dictionary.model.js";
import { textSearchParserId } from "../text-search-parser/text-search-parser.model.js";
import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import {
  type TextSearchConfiguration,
  textSearchConfigurationId,
} from "./text-search-configuration.model.js";
import {
  renderCreateTextSearchConfiguration,
  renderDropTextSearchConfiguration,
  renderMappingChanges,
  renderMappings,
} from "./text-search-configuration.render.js";

const target = (configuration: { readonly schema: string; readonly name: string }) =>
  `TEXT SEARCH CONFIGURATION ${textSearchName(configuration)}`;

/**
 * Text search configurations (`CREATE TEXT SEARCH CONFIGURATION`): created after their parser and
 * the dictionaries they map to (user ones; an extension's through the catalog's edge to the
 * extension), before the generated columns, indexes and defaults that name them
 * (`to_tsvector('cfg', …)`, ordered by the catalog's edges); mappings changed in place (`ALTER …
 * ADD / ALTER / DROP MAPPING`), another parser only by DROP + CREATE — refused while something uses it.
 */
export const textSearchConfigurationKind: DefinitionKindSpec<TextSearchConfiguration> = {
  ids: ownId,
  managed: (configuration, { isManaged }) => isManaged(configuration.schema),
  rename: {
    identity: (configuration, scope) => ({
      ...hintedIdentity(configuration, scope.hinted, scope.inSchema, textSearchConfigurationId),
      parser: renamedRef(configuration.parser, textSearchParserId, scope),
      mappings: configuration.mappings.map((mapping) => ({
        ...mapping,
        dictionaries: mapping.dictionaries.map((dictionary) =>
          renamedRef(dictionary, textSearchDictionaryId, scope),
        ),
      })),
    }),
    references: (configuration) => configuration,
  },
  fingerprint: "when_present",
  owned: { target: (configuration) => ({ kind: "named", sql: target(configuration) }), rank: 14 },
  definition: {
    id: (configuration) => textSearchConfigurationId(configuration.schema, configuration.name),
    noun: "text_search_configuration",
    catalogKinds: ["text search configuration"],
    target,
    create: (configuration) => [
      renderCreateTextSearchConfiguration(configuration),
      ...renderMappings(configuration, "ADD", configuration.mappings),
    ],
    drop: renderDropTextSearchConfiguration,
    alter: (from, to) =>
      from.parser.schema === to.parser.schema && from.parser.name === to.parser.name
        ? renderMappingChanges(from, to)
        : null,
    requires: (configuration) => {
      const user = [
        ...(configuration.parser.schema === "pg_catalog"
          ? []
          : [textSearchParserId(configuration.parser.schema, configuration.parser.name)]),
        ...configuration.mappings.flatMap((mapping) =>
          mapping.dictionaries
            .filter((dictionary) => dictionary.schema !== "pg_catalog")
            .map((dictionary) => textSearchDictionaryId(dictionary.schema, dictionary.name)),
        ),
      ];
      return [ids.schema(configuration.schema), ...new Set(user)];
    },
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
