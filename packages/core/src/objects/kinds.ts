import type { Collection, SchemaState, ServerInfo } from "../model/state.js";
import { accessMethodKind } from "./access-method/access-method.kind.js";
import { aggregateKind } from "./aggregate/aggregate.kind.js";
import { castKind } from "./cast/cast.kind.js";
import { collationKind } from "./collation/collation.kind.js";
import { constraintKind } from "./constraint/constraint.kind.js";
import { conversionKind } from "./conversion/conversion.kind.js";
import { defaultPrivilegeKind } from "./default-privilege/default-privilege.kind.js";
import { eventTriggerKind } from "./event-trigger/event-trigger.kind.js";
import { extensionKind } from "./extension/extension.kind.js";
import { foreignDataWrapperKind } from "./foreign-data-wrapper/foreign-data-wrapper.kind.js";
import { foreignServerKind } from "./foreign-server/foreign-server.kind.js";
import { foreignTableKind } from "./foreign-table/foreign-table.kind.js";
import { functionKind } from "./function/function.kind.js";
import { indexKind } from "./index/index.kind.js";
import type { DefinitionModelsOf, KindSpecs } from "./kind.js";
import { languageKind } from "./language/language.kind.js";
import { materializedViewKind } from "./materialized-view/materialized-view.kind.js";
import { operatorKind } from "./operator/operator.kind.js";
import { operatorClassKind } from "./operator-class/operator-class.kind.js";
import { operatorFamilyKind } from "./operator-family/operator-family.kind.js";
import { policyKind } from "./policy/policy.kind.js";
import { publicationKind } from "./publication/publication.kind.js";
import { ruleKind } from "./rule/rule.kind.js";
import { schemaKind } from "./schema/schema.kind.js";
import { sequenceKind } from "./sequence/sequence.kind.js";
import { statisticsKind } from "./statistics/statistics.kind.js";
import { tableKind } from "./table/table.kind.js";
import { textSearchConfigurationKind } from "./text-search-configuration/text-search-configuration.kind.js";
import { textSearchDictionaryKind } from "./text-search-dictionary/text-search-dictionary.kind.js";
import { textSearchParserKind } from "./text-search-parser/text-search-parser.kind.js";
import { textSearchTemplateKind } from "./text-search-template/text-search-template.kind.js";
import { transformKind } from "./transform/transform.kind.js";
import { triggerKind } from "./trigger/trigger.kind.js";
import { typeKind } from "./type/type.kind.js";
import { userMappingKind } from "./user-mapping/user-mapping.kind.js";
import { viewKind } from "./view/view.kind.js";

/**
 * The kinds built on objects/definition (operators, casts, …), one line per kind: the line is all
 * the model needs — the augmentation below adds its collection, holding the spec's model type, to
 * `DefinitionModels` (model/state.ts), and with it to `Collection`, `SchemaState` and `KINDS`.
 * (The augmentation lives here, in a file every consumer of core's declaration files loads through
 * the package's entry point; model/state.ts cannot import this file: that would be a circle.)
 */
export const DEFINITION_KINDS = {
  operators: operatorKind,
  casts: castKind,
  textSearchParsers: textSearchParserKind,
  textSearchTemplates: textSearchTemplateKind,
  textSearchDictionaries: textSearchDictionaryKind,
  textSearchConfigurations: textSearchConfigurationKind,
  operatorFamilies: operatorFamilyKind,
  operatorClasses: operatorClassKind,
  accessMethods: accessMethodKind,
  foreignDataWrappers: foreignDataWrapperKind,
  foreignServers: foreignServerKind,
  userMappings: userMappingKind,
  foreignTables: foreignTableKind,
  conversions: conversionKind,
  publications: publicationKind,
  rules: ruleKind,
  languages: languageKind,
  transforms: transformKind,
};

declare module "../model/state.js" {
  // Merges into the (empty) interface of model/state.ts; a mapped type over the registry's lines.
  interface DefinitionModels extends DefinitionModelsOf<typeof DEFINITION_KINDS> {}
}

/**
 * The kind descriptor registry: one spec per collection of the model (see ./kind.ts), from which
 * filtering (diff/filter.ts), renames (diff/apply-renames.ts) and fingerprints (plan/fingerprint.ts)
 * are derived. The mapped type makes it exhaustive: a collection added to the model (`CollectionModels`
 * in model/state.ts) is a compile error here until its folder has a `<kind>.kind.ts`. The order of
 * the lines is the order of `COLLECTIONS`: differs run in it (the definition kinds last).
 */
export const KINDS: KindSpecs = {
  schemas: schemaKind,
  extensions: extensionKind,
  collations: collationKind,
  types: typeKind,
  sequences: sequenceKind,
  tables: tableKind,
  constraints: constraintKind,
  indexes: indexKind,
  views: viewKind,
  materializedViews: materializedViewKind,
  functions: functionKind,
  aggregates: aggregateKind,
  triggers: triggerKind,
  eventTriggers: eventTriggerKind,
  policies: policyKind,
  statistics: statisticsKind,
  defaultPrivileges: defaultPrivilegeKind,
  ...DEFINITION_KINDS,
};

/** Every collection of a SchemaState that holds schema objects, in registry order. */
export const COLLECTIONS: readonly Collection[] = Object.keys(KINDS) as Collection[];

/** Every collection of a state, each made by `make`, in COLLECTIONS order. */
export function collectionsOf(
  make: <C extends Collection>(collection: C) => SchemaState[C],
): Pick<SchemaState, Collection> {
  const out: Partial<Record<Collection, unknown>> = {};
  for (const collection of COLLECTIONS) out[collection] = make(collection);
  return out as Pick<SchemaState, Collection>;
}

/** A state with no objects. */
export function emptyState(server: ServerInfo, managedSchemas: readonly string[] | null = null): SchemaState {
  return {
    server,
    managedSchemas,
    ...collectionsOf(() => ({})),
    dependencies: [],
    stats: {},
  };
}
