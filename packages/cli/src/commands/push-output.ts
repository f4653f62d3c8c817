import { formatError, type PgFluxError } from "@pg-flux/core/basics";
import type {
  AppliedFile,
  DryRunResult,
  PushFailure,
  PushPlanResult,
  PushRefusal,
  PushResult,
  ReloadOutcome,
  StatementRef,
  StepSummary,
  StoppedFile,
} from "@pg-flux/ledger";

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
  return { ...rest, failure: { ...failure, error: errorJson(failure.error) } };
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

/** Every result starts with its target, and warnings go first to stderr. */
function start(result: AnyResult): Rendered {
  const tenant = result.target.tenantSchema ? ` · tenant ${result.target.tenantSchema}` : "";
  const { label, plan, connectionSource } = result.target;
  return {
    out: [`Target: ${label} · ${plan}${tenant} · connection from ${connectionSource}`],
    err: result.warnings.flatMap((warning) => [
      `warning: ${warning.file}:${warning.line}:${warning.column}: ${warning.message}`,
      `  hint: ${warning.hint}`,
    ]),
  };
}

/** The statuses push, --plan and --dry-run print alike. */
type Shared = Extract<AnyResult, { readonly status: "nothing_to_do" }> | PushRefusal;

/**
 * Each renderer switches over its own statuses and hands the rest here in its `default`: a status
 * added to a result type and not handled there fails to compile, since it is not `Shared`.
 */
function renderShared(result: Shared, lines: Rendered): Rendered {
  switch (result.status) {
    case "nothing_to_do":
      lines.out.push(`Nothing to do: ${result.skipped.length} file(s) already applied or unchanged.`);
      return lines;
    case "refused":
      lines.err.push(`Error: ${result.message}`, `  hint: ${result.hint}`);
      return lines;
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
}

function stepName(step: StepSummary): string {
  const tags = [
    step.version && `version ${step.version}`,
    step.kind,
    !step.transactional && "no-transaction",
  ];
  return `${step.file} (${tags.filter(Boolean).join(", ")})`;
}

function ranLines(verb: "applied" | "ran", files: readonly AppliedFile[]): string[] {
  return files.flatMap((file) => [
    `${verb} ${stepName(file)} in ${file.durationMs} ms`,
    ...file.rebuiltIndexes.map(
      (index) => `  dropped the INVALID index ${index} an earlier build left, and built it again`,
    ),
  ]);
}

/** `statements 1–3 (lines 2–9), statement 5 (line 12)`: consecutive statements as one range. */
export function statementRanges(refs: readonly StatementRef[]): string {
  const runs: StatementRef[][] = [];
  for (const ref of refs) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.number + 1 === ref.number) run.push(ref);
    else runs.push([ref]);
  }
  return runs
    .map((run) => {
      const first = run[0]!;
      const last = run.at(-1)!;
      return first === last
        ? `statement ${first.number} (line ${first.line})`
        : `statements ${first.number}–${last.number} (lines ${first.line}–${last.line})`;
    })
    .join(", ");
}

/**
 * How far a file got, statement by statement, and what the next push does with it. A transactional
 * file is all or nothing: one line. A `no-transaction` file lists what stays.
 */
function stoppedLines(file: StoppedFile, how: "failed" | "cancelled", earlier: number): string[] {
  const { statements } = file;
  const kept = `${earlier} earlier file(s) stay applied`;
  const again = how === "failed" ? "Fix it and push again" : "Push again to finish";
  if (file.transactional) {
    return [`${file.file} was rolled back and not recorded; ${kept}. ${again}.`];
  }
  const where = statements.stopped
    ? `${how === "failed" ? "failed" : "was cancelled"} at statement ${statements.stopped.number} of ${statements.total} (line ${statements.stopped.line})`
    : `stopped after ${statements.kept.length + statements.resumedAfter} of ${statements.total} statements`;
  const lines = [`${file.file} (no-transaction) ${where}; it is not recorded as applied:`];
  const row = (label: string, refs: readonly StatementRef[], note = "") =>
    refs.length > 0 ? [`  ${label.padEnd(14)}${statementRanges(refs)}${note}`] : [];
  if (statements.resumedAfter > 0)
    lines.push(`  ${"already ran:".padEnd(14)}statements 1–${statements.resumedAfter}, in an earlier push`);
  lines.push(
    ...row("ran and kept:", statements.kept),
    ...row("rolled back:", statements.rolledBack, ", with the transaction block it was in"),
    ...row(how === "failed" ? "failed:" : "cancelled:", statements.stopped ? [statements.stopped] : []),
    ...row("not run:", statements.notRun),
  );
  lines.push(
    file.resumeAt === undefined
      ? `${kept}. ${again}: the file runs again from its first statement, so the statements that stay must be safe to re-run.`
      : `${kept}. ${again}: the file resumes at statement ${file.resumeAt}; the statements before it do not run again.`,
  );
  return lines;
}

function errorLine(failure: PushFailure): string {
  return `Error: ${formatError(failure.error)}`;
}

/** `announceReload`: print the PostgREST reload line (warnings about it are printed regardless). */
export function renderPush(result: PushResult, { announceReload = true } = {}): Rendered {
  const lines = start(result);
  const { out, err } = lines;
  const reloadLines = (reload: ReloadOutcome | undefined): string[] =>
    reload
      ? [
          ...(announceReload ? [reload.message] : []),
          ...reload.warnings.map((warning) => `warning: ${warning}`),
        ]
      : [];
  switch (result.status) {
    case "applied":
      out.push(...ranLines("applied", result.applied));
      if (result.skipped.length > 0)
        out.push(`skipped ${result.skipped.length} file(s) already applied or unchanged`);
      if (result.lockWaitMs > 0) out.push(`waited ${result.lockWaitMs} ms for another push to finish`);
      out.push(...reloadLines(result.reload), `Applied ${result.applied.length} file(s).`);
      break;
    case "failed":
      out.push(...ranLines("applied", result.applied), ...reloadLines(result.reload));
      err.push(errorLine(result.failure), ...stoppedLines(result.failure, "failed", result.applied.length));
      break;
    case "interrupted":
      out.push(...ranLines("applied", result.applied), ...reloadLines(result.reload));
      err.push(
        result.stopped
          ? `Push interrupted: the running statement was cancelled on the server.`
          : "Push interrupted before a file ran.",
        ...(result.stopped
          ? stoppedLines(result.stopped, "cancelled", result.applied.length)
          : [`${result.applied.length} earlier file(s) stay applied. Push again to finish.`]),
        "pg-flux holds no lock and runs nothing on the database now.",
      );
      break;
    default:
      renderShared(result, lines);
  }
  return lines;
}

export function renderPlan(result: PushPlanResult): Rendered {
  const lines = start(result);
  const { out } = lines;
  switch (result.status) {
    case "pending":
      out.push("Pending, in order:");
      out.push(...result.steps.map((step, index) => `  ${index + 1}. ${stepName(step)}: ${step.why}`));
      if (result.skipped.length > 0)
        out.push(`Already applied or unchanged: ${result.skipped.length} file(s).`);
      if (!result.ledgerExists) out.push("The ledger does not exist yet; the first push creates it.");
      out.push("Plan only: nothing was run.");
      break;
    default:
      renderShared(result, lines);
  }
  for (const record of result.status === "refused" ? [] : result.missingFiles) {
    out.push(`note: version ${record.version} (${record.name}) is in the ledger but has no file`);
  }
  return lines;
}

const ROLLED_BACK = "Dry run: everything was rolled back; nothing was changed.";

export function renderDryRun(result: DryRunResult): Rendered {
  const lines = start(result);
  const { out, err } = lines;
  switch (result.status) {
    case "rolled_back":
      out.push(...ranLines("ran", result.ran));
      out.push(
        ...result.notDryRunnable.map(
          (step) =>
            `cannot dry-run ${stepName(step)}: it runs outside a transaction (-- pg-flux:no-transaction)`,
        ),
      );
      out.push(ROLLED_BACK);
      break;
    case "failed":
      out.push(...ranLines("ran", result.ran));
      err.push(errorLine(result.failure), ROLLED_BACK);
      break;
    case "interrupted":
      out.push(...ranLines("ran", result.ran));
      err.push(
        result.stopped
          ? `Dry run interrupted: the running statement of ${result.stopped.file} was cancelled on the server.`
          : "Dry run interrupted before a file ran.",
        ROLLED_BACK,
        "pg-flux holds no lock and runs nothing on the database now.",
      );
      break;
    default:
      renderShared(result, lines);
  }
  return lines;
}
