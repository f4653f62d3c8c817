/**
 * pg-flux: declarative schema diff and safe migrations for PostgreSQL — the public API.
 *
 * The pipeline, one function per stage: `inspect` (live database → SchemaState),
 * `loadDesiredState` (your SQL → SchemaState, normalized in a scratch database), `plan` (pure:
 * current + desired → ordered, hazard-annotated steps), `apply` (gates, lock, run). `diff` and
 * `planMigration` run the first three for you; `renderSql`/`renderMarkdown`/`renderHuman` print a
 * plan. See docs/library.md.
 *
 * Versioned migrations (`pg-flux push`): `pushMigrations`, `planMigrations`, `dryRunMigrations`,
 * `listMigrations` and `upgradeLedger` on a target from `databaseTarget(url)` or, from flux.json,
 * `resolvePushTarget` — the @pg-flux/ledger package, re-exported whole. See docs/push.md.
 */
import type { HazardKind, Plan } from "@pg-flux/core";
import {
  type ApplyResult,
  applyMigration,
  type DiffSourcesOptions,
  diffSources,
  type RunEvent,
  type RunLimits,
  type SourcesDiff,
} from "@pg-flux/engine";

export type {
  Column,
  ColumnType,
  Constraint,
  ErrorCode,
  Extension,
  Function,
  Hazard,
  HazardKind,
  Index,
  LockLevel,
  MaterializedView,
  Plan,
  PlanInput,
  PlanOptions,
  Policy,
  Problem,
  Rename,
  Schema,
  SchemaObject,
  SchemaState,
  Sequence,
  SourceLocation,
  Step,
  Table,
  TransactionGroup,
  TransactionMode,
  Trigger,
  TypeDefinition,
  View,
} from "@pg-flux/core";
export {
  BLOCKING_HAZARDS,
  blockingHazards,
  DEFAULT_PLAN_OPTIONS,
  emptyState,
  fingerprint,
  formatError,
  HAZARD_KINDS,
  InvalidInputError,
  LOCK_LEVELS,
  PgFluxError,
  plan,
  planHazards,
  redactUrl,
  renderHuman,
  renderMarkdown,
  renderMermaid,
  renderSql,
} from "@pg-flux/core";
export {
  type ApplyFleetOptions,
  type ApplyResult,
  type ApplyStatus,
  applyFleet,
  type BlockingHazard,
  DEFAULT_CACHE_DIR,
  DEFAULT_RUN_LIMITS,
  type DesiredCacheOptions,
  type DesiredState,
  type DiffSourcesOptions,
  dumpSchema,
  type FleetApplyResult,
  type FleetDatabase,
  type FleetGroup,
  type FleetPlan,
  type FleetTarget,
  HAZARD_REFUSAL,
  type ListedTarget,
  type LoadDesiredStateOptions,
  listFleet,
  loadDesiredState,
  type ManageRoles,
  openScratchHost,
  type PlanFleetOptions,
  type PlanMigrationOptions,
  type PlannedMigration,
  parseFleetDatabases,
  parseTenantSelector,
  planFleet,
  planMigration,
  type RunEvent,
  type RunLimits,
  readTargetsFile,
  resolveFleetTargets,
  type SchemaDump,
  type ScratchHost,
  type SourcesDiff,
  type StepRun,
  singleDatabase,
  startEmbeddedPostgres,
  type TargetOutcome,
  type TargetStatus,
  TENANT_PLACEHOLDER,
  type TenantSelector,
} from "@pg-flux/engine";
export { type InspectOptions, inspect, inspectEach } from "@pg-flux/inspector";
export {
  type AppliedFile,
  type ChecksumConflict,
  DEFAULT_RELOAD_CHANNEL,
  type DryRunResult,
  databaseTarget,
  dryRunMigrations,
  FLUX_CONFIG_FILE,
  FLUX_SECTIONS,
  type FluxConfig,
  type FluxFile,
  type FluxProject,
  type InputOptions,
  inspectLedger,
  type LedgerShape,
  type LedgerUpgradeOptions,
  type LedgerUpgradeResult,
  type ListOptions,
  listMigrations,
  loadFluxConfig,
  type MigrationListing,
  type MigrationRecord,
  type MigrationState,
  type MigrationStatus,
  type PartialConflict,
  type PartialRecord,
  type PushFailure,
  type PushMode,
  type PushOptions,
  type PushPlanOptions,
  type PushPlanResult,
  type PushRefusal,
  type PushResult,
  type PushTarget,
  type PushWarning,
  planMigrations,
  pushMigrations,
  type ReloadOptions,
  type ReloadOutcome,
  type RepeatableRecord,
  type RepeatableStatus,
  type ResolvedTarget,
  type ResumePoint,
  readFluxFile,
  resolvePushTarget,
  type SkippedFile,
  type StatementRef,
  type StatementReport,
  type StepSummary,
  type StoppedFile,
  type TargetOptions,
  type TargetSummary,
  type TenancyPlan,
  type UpgradeConflict,
  upgradeLedger,
} from "@pg-flux/ledger";
export type { SourceInput } from "@pg-flux/parser";

/**
 * The migration between two schemas, each a `postgres://` URL or SQL (files, directories,
 * `{ name, text }`). SQL is normalized in a scratch database: on `shadowUrl`, else in an embedded
 * PostgreSQL of a URL side's major (18 for two files) — no server needed, and a URL side is only read.
 */
export function diff(
  from: DiffSourcesOptions["from"],
  to: DiffSourcesOptions["to"],
  options: Omit<DiffSourcesOptions, "from" | "to"> = {},
): Promise<SourcesDiff> {
  return diffSources({ ...options, from, to });
}

export interface ApplyOptions {
  readonly databaseUrl: string;
  /** The schemas the plan was made for (default: all). */
  readonly schemas?: readonly string[] | null;
  /** Blocking hazards to accept (`DATA_LOSS`, `TABLE_REWRITE`, `LONG_LOCK`) or `all`. */
  readonly allowHazards?: readonly HazardKind[] | "all";
  /** lock_timeout, statement_timeout, retries, how long to wait for another apply. */
  readonly limits?: Partial<RunLimits>;
  /** Progress: step started/finished/retried, index-build progress. */
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Stops the apply when it fires: the running statement is cancelled on the server and waited for,
   * the open transaction group rolled back, the apply lock released; resolves `interrupted`.
   */
  readonly signal?: AbortSignal;
  /**
   * Called once, right before the first step, with the plan as judged against the live database:
   * after the apply lock is taken, the database found in the state the plan was made from, and the
   * hazards its SQL carries there gated. Show it or ask for a confirmation here — what you see is
   * what runs, under the same lock; to stop, abort `signal` (resolves `interrupted`, nothing
   * applied, the lock released). Not called when there is nothing to do or the apply is refused.
   */
  readonly beforeRun?: (plan: Plan) => Promise<void> | void;
}

/**
 * Applies a plan: refuses blocking hazards that are not allowed and a plan whose database changed
 * since it was made, takes the one-apply-per-database lock, runs each transaction group in
 * BEGIN/COMMIT and autocommit steps alone. Resolves to a status union:
 * `applied | nothing_to_do | refused | failed | interrupted` (the last only when `signal` fired) — it
 * throws only when the database is unreachable.
 */
export function apply(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  return applyMigration({ ...options, plan });
}
