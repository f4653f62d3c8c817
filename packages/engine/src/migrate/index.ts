export { type DiffSourcesOptions, diffSources, type SourcesDiff } from "./diff-sources.js";
export { type DumpOptions, dumpSchema, renderDump, type SchemaDump } from "./dump.js";
export { type ManageRoles, rolePatterns } from "./managed-roles.js";
export type { OnPlanPhase, PlanPhase } from "./phases.js";
export { type PlanMigrationOptions, type PlannedMigration, planMigration } from "./plan-migration.js";
export { renamesFromHints } from "./renames.js";
export { type DiffSide, diffSide, isDatabaseUrl } from "./source-spec.js";
export { type VerifyInput, type VerifyReport, verifyPlan, verifyTouched } from "./verify.js";
