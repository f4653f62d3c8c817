import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId } from "../kind.js";
import { type TextSearchParser, type TextSearchRef, textSearchParserId } from "./text-search-parser.model.js";
import {
  renderCreateTextSearchParser,
  renderDropTextSearchParser,
  textSearchName,
} from "./text-search-parser.render.js";

/** A reference to a function or text search object after schema renames (built-ins stay in pg_catalog). */
export function inRenamedSchema<T extends TextSearchRef>(ref: T, inSchema: (schema: string) => string): T {
  const schema = inSchema(ref.schema);
  return schema === ref.schema ? ref : { ...ref, schema };
}

/**
 * Text search parsers (`CREATE TEXT SEARCH PARSER`): created after their functions, dropped before
 * them; PostgreSQL has no ALTER for a parser's functions, so a changed one is dropped and created
 * again — refused while a configuration uses it. No owner; a comment.
 */
export const textSearchParserKind: DefinitionKindSpec<TextSearchParser> = {
  ids: ownId,
  managed: (parser, { isManaged }) => isManaged(parser.schema),
  rename: {
    identity: (parser, { inSchema, hinted }) => {
      const moved = hintedIdentity(parser, hinted, inSchema, textSearchParserId);
      const fn = <T extends TextSearchRef>(ref: T) => inRenamedSchema(ref, inSchema);
      return {
        ...moved,
        start: fn(parser.start),
        gettoken: fn(parser.gettoken),
        end: fn(parser.end),
        lextypes: fn(parser.lextypes),
        headline: parser.headline === null ? null : fn(parser.headline),
      };
    },
    references: (parser, mapId) => ({ ...parser, functionIds: parser.functionIds.map(mapId) }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (parser) => textSearchParserId(parser.schema, parser.name),
    noun: "text_search_parser",
    catalogKinds: ["text search parser"],
    target: (parser) => `TEXT SEARCH PARSER ${textSearchName(parser)}`,
    create: (parser) => [renderCreateTextSearchParser(parser)],
    drop: renderDropTextSearchParser,
    requires: (parser) => [ids.schema(parser.schema), ...parser.functionIds],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
