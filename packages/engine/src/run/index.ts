export {
  type ApplyMigrationOptions,
  applyMigration,
  hazardRefusal,
  type JudgePlanHazardsOptions,
  judgePlanHazards,
} from "./apply.js";
export { APPLY_LOCK_KEY } from "./apply-lock.js";
export { failureText, nextStep } from "./failure.js";
export { describeRefusal, gateHazards, HAZARD_REFUSAL } from "./hazard-gate.js";
export type {
  ApplyResult,
  ApplyStatus,
  BlockingHazard,
  FailureRemedy,
  RefusalReason,
  RunEvent,
  RunFailure,
  StepRun,
} from "./result.js";
export { type RunOutcome, type RunPlanOptions, runPlan } from "./runner.js";
export { DEFAULT_RUN_LIMITS, parseDuration, type RunLimits } from "./settings.js";
export { type StatementHazardOptions, statementHazards, withStatementHazards } from "./step-hazards.js";
