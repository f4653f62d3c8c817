import { formatError, type PgFluxError } from "@pg-flux/core";
import type {
  AppliedFile,
  DryRunResult,
  PushPlanResult,
  PushRefusal,
  PushResult,
  PushWarning,
  ReloadOutcome,
  StepSummary,
  TargetSummary,
} from "@pg-flux/engine";

/** What `pg-flux push` prints for its results: human lines for stdout and stderr, or one JSON value. */

export type AnyResult = PushResult | PushPlanResult | DryRunResult;

export interface Rendered {
  readonly out: string[];
  readonly err: string[];
}

/** The result as JSON: a failure's error as its fields (message, code, location, SQLSTATE, hint). */
export function toJson(result: AnyResult): unknown {
  if (result.status !== "failed") return result;
  const { failure, ...rest } = result;
  return {
    ...rest,
    failure: { file: failure.file, version: failure.version, error: errorJson(failure.error) },
  };
}

function errorJson(error: PgFluxError) {
  return {
    message: error.message,
    code: error.code,
    location: error.location,
    sqlState: error.sqlState,
    hint: error.hint,
  };
}

function header(target: TargetSummary): string {
  const tenant = target.tenantSchema ? ` · tenant ${target.tenantSchema}` : "";
  return `Target: ${target.label} · ${target.plan}${tenant} · connection from ${target.connectionSource}`;
}

function warningLines(warnings: readonly PushWarning[]): string[] {
  return warnings.flatMap((warning) => [
    `warning: ${warning.file}:${warning.line}:${warning.column}: ${warning.message}`,
    `  hint: ${warning.hint}`,
  ]);
}

function refusalLines(result: PushRefusal): string[] {
  return [`Error: ${result.message}`, `  hint: ${result.hint}`];
}

function stepName(step: StepSummary): string {
  const tags = [
    step.version && `version ${step.version}`,
    step.kind,
    !step.transactional && "no-transaction",
  ];
  return `${step.file} (${tags.filter(Boolean).join(", ")})`;
}

function appliedLine(verb: string, file: AppliedFile): string {
  return `${verb} ${stepName(file)} in ${file.durationMs} ms`;
}

function reloadLines(reload: ReloadOutcome | undefined): string[] {
  if (!reload) return [];
  return [reload.message, ...reload.warnings.map((warning) => `warning: ${warning}`)];
}

export function renderPush(result: PushResult): Rendered {
  const out = [header(result.target)];
  const err = warningLines(result.warnings);
  switch (result.status) {
    case "applied":
      out.push(...result.applied.map((file) => appliedLine("applied", file)));
      if (result.skipped.length > 0)
        out.push(`skipped ${result.skipped.length} file(s) already applied or unchanged`);
      if (result.lockWaitMs > 0) out.push(`waited ${result.lockWaitMs} ms for another push to finish`);
      out.push(...reloadLines(result.reload), `Applied ${result.applied.length} file(s).`);
      break;
    case "nothing_to_do":
      out.push(`Nothing to do: ${result.skipped.length} file(s) already applied or unchanged.`);
      break;
    case "failed":
      out.push(...result.applied.map((file) => appliedLine("applied", file)), ...reloadLines(result.reload));
      err.push(
        `Error: ${formatError(result.failure.error)}`,
        `${result.failure.file} was rolled back and not recorded; ${result.applied.length} earlier file(s) stay applied. Fix it and push again.`,
      );
      break;
    case "refused":
      err.push(...refusalLines(result));
      break;
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
  return { out, err };
}

export function renderPlan(result: PushPlanResult): Rendered {
  const out = [header(result.target)];
  const err = warningLines(result.warnings);
  switch (result.status) {
    case "pending":
      out.push("Pending, in order:");
      out.push(...result.steps.map((step, index) => `  ${index + 1}. ${stepName(step)}: ${step.why}`));
      if (result.skipped.length > 0)
        out.push(`Already applied or unchanged: ${result.skipped.length} file(s).`);
      if (!result.ledgerExists) out.push("The ledger does not exist yet; the first push creates it.");
      out.push("Plan only: nothing was run.");
      break;
    case "nothing_to_do":
      out.push(`Nothing to do: ${result.skipped.length} file(s) already applied or unchanged.`);
      break;
    case "refused":
      err.push(...refusalLines(result));
      break;
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
  for (const record of result.status === "refused" ? [] : result.missingFiles) {
    out.push(`note: version ${record.version} (${record.name}) is in the ledger but has no file`);
  }
  return { out, err };
}

export function renderDryRun(result: DryRunResult): Rendered {
  const out = [header(result.target)];
  const err = warningLines(result.warnings);
  switch (result.status) {
    case "rolled_back":
      out.push(...result.ran.map((file) => appliedLine("ran", file)));
      out.push(
        ...result.notDryRunnable.map(
          (step) =>
            `cannot dry-run ${stepName(step)}: it runs outside a transaction (-- pg-flux:no-transaction)`,
        ),
      );
      out.push("Dry run: everything was rolled back; nothing was changed.");
      break;
    case "nothing_to_do":
      out.push(`Nothing to do: ${result.skipped.length} file(s) already applied or unchanged.`);
      break;
    case "failed":
      out.push(...result.ran.map((file) => appliedLine("ran", file)));
      err.push(
        `Error: ${formatError(result.failure.error)}`,
        "Dry run: everything was rolled back; nothing was changed.",
      );
      break;
    case "refused":
      err.push(...refusalLines(result));
      break;
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
  return { out, err };
}
