import type { LedgerShape } from "./ledger-schema.js";
import {
  CONFLICT_HINT,
  describeConflicts,
  describePartialConflicts,
  partialConflictHint,
  type WorkPlan,
} from "./push-plan.js";
import type { PushRefusal, TargetSummary } from "./push-result.js";
import type { PushWarning } from "./tenant-warnings.js";

/** A legacy global ledger cannot be keyed by tenant: refuse, and say how to upgrade it. */
export function legacyLedgerRefusal(
  shape: Extract<LedgerShape, { kind: "legacy" }>,
  target: TargetSummary,
  warnings: readonly PushWarning[],
): PushRefusal {
  const tenant = target.tenantSchema ?? "t_<shortId>_api";
  return {
    status: "refused",
    reason: "legacy_ledger",
    target,
    warnings,
    conflicts: [],
    message: `flux.flux_migrations is a legacy global ledger (${shape.legacyRows} row(s) without a tenant schema: ${shape.reason}); nothing was run`,
    hint: `upgrade the shared ledger once: bin/migrate-pooled-ledger.sh --assign-legacy-to ${tenant} (same as pg-flux ledger upgrade --assign-legacy-to ${tenant})`,
  };
}

export function conflictRefusal(
  work: WorkPlan,
  target: TargetSummary,
  warnings: readonly PushWarning[],
): PushRefusal {
  return {
    status: "refused",
    reason: "checksum_conflict",
    target,
    warnings,
    conflicts: work.conflicts,
    message: describeConflicts(work.conflicts),
    hint: CONFLICT_HINT,
  };
}

/** A partly applied file whose statements that ran changed cannot be resumed: refuse, say how out. */
export function partialRefusal(
  work: WorkPlan,
  tenant: string,
  target: TargetSummary,
  warnings: readonly PushWarning[],
): PushRefusal {
  return {
    status: "refused",
    reason: "partial_changed",
    target,
    warnings,
    conflicts: [],
    message: describePartialConflicts(work.partialConflicts),
    hint: partialConflictHint(work.partialConflicts, tenant),
  };
}
