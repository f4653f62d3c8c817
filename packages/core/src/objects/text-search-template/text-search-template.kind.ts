import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId } from "../kind.js";
import { inRenamedSchema } from "../text-search-parser/text-search-parser.kind.js";
import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import { type TextSearchTemplate, textSearchTemplateId } from "./text-search-template.model.js";
import {
  renderCreateTextSearchTemplate,
  renderDropTextSearchTemplate,
} from "./text-search-template.render.js";

/**
 * Text search templates (`CREATE TEXT SEARCH TEMPLATE`): created after their functions, dropped
 * before them; PostgreSQL has no ALTER for a template's functions, so a changed one is dropped and
 * created again — refused while a dictionary uses it. No owner; a comment.
 */
export const textSearchTemplateKind: DefinitionKindSpec<TextSearchTemplate> = {
  ids: ownId,
  managed: (template, { isManaged }) => isManaged(template.schema),
  rename: {
    identity: (template, { inSchema, hinted }) => ({
      ...hintedIdentity(template, hinted, inSchema, textSearchTemplateId),
      init: template.init === null ? null : inRenamedSchema(template.init, inSchema),
      lexize: inRenamedSchema(template.lexize, inSchema),
    }),
    references: (template, mapId) => ({ ...template, functionIds: template.functionIds.map(mapId) }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (template) => textSearchTemplateId(template.schema, template.name),
    noun: "text_search_template",
    catalogKinds: ["text search template"],
    target: (template) => `TEXT SEARCH TEMPLATE ${textSearchName(template)}`,
    create: (template) => [renderCreateTextSearchTemplate(template)],
    drop: renderDropTextSearchTemplate,
    requires: (template) => [ids.schema(template.schema), ...template.functionIds],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
