import { quoteIdent } from "../../sql/quote.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, ownId, renamedName } from "../kind.js";
import type { Privilege } from "../privilege/privilege.model.js";
import { inRenamedSchema } from "../text-search-parser/text-search-parser.kind.js";
import { type Language, languageId } from "./language.model.js";
import { renderCreateLanguage, renderDropLanguage } from "./language.render.js";

/** What a new language grants besides its owner's rights: `acldefault('l', owner)`. */
const LANGUAGE_ACLDEFAULT: readonly Privilege[] = [
  { grantee: "PUBLIC", privilege: "USAGE", grantable: false },
];

/**
 * Procedural languages (`CREATE [TRUSTED] LANGUAGE`): created after their handler functions and
 * before the functions written in them (pg_depend's edges), dropped after those. PostgreSQL has no
 * ALTER for a language's functions or TRUSTED, so a changed one is dropped and created again —
 * refused while a function is written in it. They belong to the database: a `--schemas` filter keeps
 * them only when every schema is managed. Owners, comments and `USAGE` grants (GRANT … ON LANGUAGE).
 */
export const languageKind: DefinitionKindSpec<Language> = {
  ids: ownId,
  managed: (_language, { state }) => state.managedSchemas === null,
  rename: {
    identity: (language, { inSchema, hinted }) => ({
      ...language,
      ...((name) => ({ id: languageId(name), name }))(renamedName(language.name, languageId, hinted)),
      handler: inRenamedSchema(language.handler, inSchema),
      inline: language.inline === null ? null : inRenamedSchema(language.inline, inSchema),
      validator: language.validator === null ? null : inRenamedSchema(language.validator, inSchema),
    }),
    references: (language, mapId) => ({ ...language, functionIds: language.functionIds.map(mapId) }),
  },
  fingerprint: "when_present",
  owned: {
    target: (language) => ({
      kind: "named",
      sql: `LANGUAGE ${quoteIdent(language.name)}`,
      builtinAcl: LANGUAGE_ACLDEFAULT,
    }),
    rank: 32,
  },
  definition: {
    id: (language) => languageId(language.name),
    noun: "language",
    catalogKinds: ["language"],
    target: (language) => `LANGUAGE ${quoteIdent(language.name)}`,
    create: (language) => [renderCreateLanguage(language)],
    drop: renderDropLanguage,
    requires: (language) => language.functionIds,
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_TYPE, drop: PRIORITY.DROP_TYPE },
  },
};
