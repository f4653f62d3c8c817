/**
 * @pg-flux/ledger — versioned migrations: `pg-flux push` applies hand-written migration files in
 * order, records each in the ledger (schema `flux`, per database and per tenant), resumes a file that
 * stopped part-way, refuses a file whose checksum changed, and asks PostgREST to reload afterwards;
 * flux.json names the projects (database, tenancy plan, tenant schema) a push targets.
 *
 * Where it sits: core ← inspector ← ledger ← cli. It imports core (quoting, the SQL text scanner,
 * errors, the `migrate generate` file header) and the inspector's connection layer (`connect`, and
 * the interruptible query that cancels a statement on the server when the caller's signal fires) —
 * nothing else of pg-flux. It does not import the engine: a push runs the user's files as they are,
 * with no desired state, scratch server, plan or verify, so it needs none of the engine's machinery,
 * and the engine (scratch servers, verify, apply) needs nothing from it. The two are siblings, and
 * the CLI and the `pg-flux` package sit above both. Migration files are split into statements with
 * libpg-query's parser directly.
 */
export { dryRunMigrations } from "./dry-run.js";
export type { StatementRef, StatementReport } from "./execute-file.js";
export {
  FLUX_CONFIG_FILE,
  FLUX_SECTIONS,
  type FluxConfig,
  type FluxFile,
  type FluxProject,
  loadFluxConfig,
  readFluxFile,
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
export {
  databaseTarget,
  type PushTarget,
  type ResolvedTarget,
  resolvePushTarget,
  type TargetOptions,
} from "./target.js";
export type { PushWarning } from "./tenant-warnings.js";
