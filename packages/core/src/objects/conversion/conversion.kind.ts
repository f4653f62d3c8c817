import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, hintedIdentity, ownId } from "../kind.js";
import { inRenamedSchema } from "../text-search-parser/text-search-parser.kind.js";
import { type Conversion, conversionId } from "./conversion.model.js";
import { conversionName, renderCreateConversion, renderDropConversion } from "./conversion.render.js";

/**
 * Conversions (`CREATE [DEFAULT] CONVERSION`): created after their function, dropped before it;
 * PostgreSQL has no ALTER for a conversion's encodings, function or DEFAULT, so a changed one is
 * dropped and created again (nothing records a dependency on a conversion). Owners and comments.
 */
export const conversionKind: DefinitionKindSpec<Conversion> = {
  ids: ownId,
  managed: (conversion, { isManaged }) => isManaged(conversion.schema),
  rename: {
    identity: (conversion, { inSchema, hinted }) => ({
      ...hintedIdentity(conversion, hinted, inSchema, conversionId),
      function: inRenamedSchema(conversion.function, inSchema),
    }),
    references: (conversion, mapId) => ({
      ...conversion,
      functionId: conversion.functionId === null ? null : mapId(conversion.functionId),
    }),
  },
  fingerprint: "when_present",
  owned: {
    target: (conversion) => ({ kind: "named", sql: `CONVERSION ${conversionName(conversion)}` }),
    rank: 31,
  },
  definition: {
    id: (conversion) => conversionId(conversion.schema, conversion.name),
    noun: "conversion",
    catalogKinds: ["conversion"],
    target: (conversion) => `CONVERSION ${conversionName(conversion)}`,
    create: (conversion) => [renderCreateConversion(conversion)],
    drop: renderDropConversion,
    requires: (conversion) => [
      ids.schema(conversion.schema),
      ...(conversion.functionId === null ? [] : [conversion.functionId]),
    ],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
