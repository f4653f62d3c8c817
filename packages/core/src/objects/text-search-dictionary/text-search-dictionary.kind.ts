import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId, renamedRef } from "../kind.js";
import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import { textSearchTemplateId } from "../text-search-template/text-search-template.model.js";
import { type TextSearchDictionary, textSearchDictionaryId } from "./text-search-dictionary.model.js";
import {
  renderAlterTextSearchDictionaryOptions,
  renderCreateTextSearchDictionary,
  renderDropTextSearchDictionary,
} from "./text-search-dictionary.render.js";

const sameTemplate = (a: TextSearchDictionary, b: TextSearchDictionary) =>
  a.template.schema === b.template.schema && a.template.name === b.template.name;

/**
 * Text search dictionaries (`CREATE TEXT SEARCH DICTIONARY`): created after their template (a user
 * one), before the configurations that map to them; options changed in place (`ALTER … (option =
 * value)`), another template only by DROP + CREATE — refused while a configuration uses it.
 */
export const textSearchDictionaryKind: DefinitionKindSpec<TextSearchDictionary> = {
  ids: ownId,
  managed: (dictionary, { isManaged }) => isManaged(dictionary.schema),
  rename: {
    identity: (dictionary, scope) => ({
      ...hintedIdentity(dictionary, scope.hinted, scope.inSchema, textSearchDictionaryId),
      template: renamedRef(dictionary.template, textSearchTemplateId, scope),
    }),
    references: (dictionary) => dictionary,
  },
  fingerprint: "when_present",
  owned: {
    target: (dictionary) => ({ kind: "named", sql: `TEXT SEARCH DICTIONARY ${textSearchName(dictionary)}` }),
    rank: 13,
  },
  definition: {
    id: (dictionary) => textSearchDictionaryId(dictionary.schema, dictionary.name),
    noun: "text_search_dictionary",
    catalogKinds: ["text search dictionary"],
    target: (dictionary) => `TEXT SEARCH DICTIONARY ${textSearchName(dictionary)}`,
    create: (dictionary) => [renderCreateTextSearchDictionary(dictionary)],
    drop: renderDropTextSearchDictionary,
    alter: (from, to) => {
      if (!sameTemplate(from, to)) return null;
      const statement = renderAlterTextSearchDictionaryOptions(from, to);
      return statement === null ? [] : [statement];
    },
    requires: (dictionary) => [
      ids.schema(dictionary.schema),
      ...(dictionary.template.schema === "pg_catalog"
        ? []
        : [textSearchTemplateId(dictionary.template.schema, dictionary.template.name)]),
    ],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
