/** Versioned migrations: `pg-flux push`, the ledger in schema `flux`, tenants and API reload. */
export { dryRunMigrations } from "./dry-run.js";
export type { StatementRef, StatementReport } from "./execute-file.js";
export {
  FLUX_CONFIG_FILE,
  type FluxConfig,
  type FluxProject,
  loadFluxConfig,
  type TenancyPlan,
} from "./flux-config.js";
export { inspectLedger, type LedgerShape } from "./ledger-schema.js";
export type { MigrationRecord, RepeatableRecord } from "./ledger-store.js";
export {
  type LedgerUpgradeOptions,
  type LedgerUpgradeResult,
  type UpgradeConflict,
  upgradeLedger,
} from "./ledger-upgrade.js";
export {
  type ListOptions,
  listMigrations,
  type MigrationListing,
  type MigrationState,
  type MigrationStatus,
  type RepeatableStatus,
} from "./migration-status.js";
export type { PartialRecord } from "./partial-progress.js";
export { type PushPlanOptions, planMigrations } from "./plan-push.js";
export { type PushOptions, pushMigrations } from "./push.js";
export type { InputOptions } from "./push-input.js";
export type { ChecksumConflict, PartialConflict, PushMode, ResumePoint, SkippedFile } from "./push-plan.js";
export type {
  AppliedFile,
  DryRunResult,
  PushFailure,
  PushPlanResult,
  PushRefusal,
  PushResult,
  StepSummary,
  StoppedFile,
  TargetSummary,
} from "./push-result.js";
export { DEFAULT_RELOAD_CHANNEL, type ReloadOptions, type ReloadOutcome } from "./reload.js";
export { type PushTarget, type ResolvedTarget, resolvePushTarget, type TargetOptions } from "./target.js";
export type { PushWarning } from "./tenant-warnings.js";
