import type { DefinitionCollection } from "@pg-flux/core";
import { accessMethodsKind } from "./access-methods.sql.js";
import { castsKind } from "./casts.sql.js";
import { conversionsKind } from "./conversions.sql.js";
import { foreignDataWrappersKind } from "./foreign-data-wrappers.sql.js";
import { foreignServersKind } from "./foreign-servers.sql.js";
import { foreignTablesKind } from "./foreign-tables.sql.js";
import type { KindQuery } from "./kind-query.js";
import { languagesKind } from "./languages.sql.js";
import { operatorClassesKind } from "./operator-classes.sql.js";
import { operatorFamiliesKind } from "./operator-families.sql.js";
import { operatorsKind } from "./operators.sql.js";
import { publicationsKind } from "./publications.sql.js";
import { rulesKind } from "./rules.sql.js";
import { textSearchConfigurationsKind } from "./text-search-configurations.sql.js";
import { textSearchDictionariesKind } from "./text-search-dictionaries.sql.js";
import { textSearchParsersKind } from "./text-search-parsers.sql.js";
import { textSearchTemplatesKind } from "./text-search-templates.sql.js";
import { transformsKind } from "./transforms.sql.js";
import { userMappingsKind } from "./user-mappings.sql.js";

export type { KindQuery, KindRow } from "./kind-query.js";

/**
 * One query per definition kind, beside the fixed ones of inspect.ts. The mapped type makes it
 * exhaustive: a definition kind added to the model is a compile error here until its query
 * (`queries/<kind>.sql.ts`) is listed. Its catalog joins pg_depend's (queries/dependencies.sql.ts).
 */
export const KIND_QUERIES: { readonly [C in DefinitionCollection]: KindQuery<C> } = {
  operators: operatorsKind,
  casts: castsKind,
  textSearchParsers: textSearchParsersKind,
  textSearchTemplates: textSearchTemplatesKind,
  textSearchDictionaries: textSearchDictionariesKind,
  textSearchConfigurations: textSearchConfigurationsKind,
  operatorFamilies: operatorFamiliesKind,
  operatorClasses: operatorClassesKind,
  accessMethods: accessMethodsKind,
  foreignDataWrappers: foreignDataWrappersKind,
  foreignServers: foreignServersKind,
  userMappings: userMappingsKind,
  foreignTables: foreignTablesKind,
  conversions: conversionsKind,
  publications: publicationsKind,
  rules: rulesKind,
  languages: languagesKind,
  transforms: transformsKind,
};

/** The catalogs of the definition kinds, for pg_depend. */
export const KIND_CATALOGS: readonly string[] = [
  ...new Set(Object.values<KindQuery<DefinitionCollection>>(KIND_QUERIES).map((kind) => kind.catalog)),
];
