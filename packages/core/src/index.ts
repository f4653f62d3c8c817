export * from "./codegen/codegen.js";
export * from "./codegen/type-map.js";
export * from "./connection/connection-string.js";
export * from "./connection/redact.js";
export * from "./diff/apply-renames.js";
export * from "./diff/change.js";
export * from "./diff/change-base.js";
export * from "./diff/context.js";
export * from "./diff/diff.js";
export * from "./diff/rename.js";
export * from "./errors.js";
export * from "./model/ids.js";
export * from "./model/role.js";
export * from "./model/state.js";
export * from "./model/unmanaged.js";
export { setNotNullNeedsCheck } from "./objects/column/column.set-not-null.js";
export { classifyTypeChange, type TypeChangeCost } from "./objects/column/column.type-change.js";
export { conversionId } from "./objects/conversion/conversion.model.js";
export type { DefinitionObject, DefinitionSpec } from "./objects/definition/definition.js";
export {
  DEFINITION_COLLECTIONS,
  definitionSpec,
  isManagedKind,
} from "./objects/definition/definition.spec.js";
export { foreignDataWrapperId } from "./objects/foreign-data-wrapper/foreign-data-wrapper.model.js";
export { parseOptions } from "./objects/foreign-data-wrapper/foreign-options.js";
export { foreignServerId } from "./objects/foreign-server/foreign-server.model.js";
export { foreignTableId } from "./objects/foreign-table/foreign-table.model.js";
export { COLLECTIONS, collectionsOf, emptyState, KINDS } from "./objects/kinds.js";
export { languageId } from "./objects/language/language.model.js";
export { operatorId } from "./objects/operator/operator.model.js";
export { operatorClassId } from "./objects/operator-class/operator-class.model.js";
export { operatorFamilyId } from "./objects/operator-family/operator-family.model.js";
export { publicationId } from "./objects/publication/publication.model.js";
export * from "./objects/role/role.change.js";
export * from "./objects/role/role.desired.js";
export * from "./objects/role/role.diff.js";
export * from "./objects/role/role.plan.js";
export * from "./objects/role/role.rename.js";
export * from "./objects/role/role.render.js";
export { ruleId } from "./objects/rule/rule.model.js";
export { textSearchConfigurationId } from "./objects/text-search-configuration/text-search-configuration.model.js";
export { textSearchDictionaryId } from "./objects/text-search-dictionary/text-search-dictionary.model.js";
export { textSearchParserId } from "./objects/text-search-parser/text-search-parser.model.js";
export { textSearchTemplateId } from "./objects/text-search-template/text-search-template.model.js";
export { isSecretOption } from "./objects/user-mapping/user-mapping.model.js";
export * from "./plan/dependencies.js";
export * from "./plan/fingerprint.js";
export * from "./plan/plan.js";
export * from "./plan/planner.js";
export * from "./plan/sort.js";
export * from "./plan/touched.js";
export * from "./report/plan-report.js";
export * from "./sql/flux-schema.js";
export * from "./sql/quote.js";
export * from "./sql/scan.js";
export * from "./step/plan-options.js";
export * from "./step/priorities.js";
export {
  HAZARD_KINDS,
  type Hazard,
  type HazardKind,
  LOCK_LEVELS,
  type LockLevel,
  type TransactionMode,
} from "./step/step.js";
export * from "./text/edit-distance.js";
export * from "./text/utf8.js";
