import type {
  FleetApplyResult,
  FleetPlan,
  FleetProgress,
  FleetTarget,
  ListedTarget,
  TargetOutcome,
  TargetStatus,
} from "@pg-flux/engine";
import type { Io } from "../output.js";
import { renderTable } from "./migrations.js";

export const FLEET_FORMATS = ["text", "json", "markdown"] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

/** What a report shows of a target: never its URL (`database` is the name or the masked URL). */
function targetJson(target: FleetTarget) {
  return { id: target.id, database: target.database, schema: target.schema };
}

/** `pg-flux fleet list`: every target with its group and fingerprint. */
export function renderFleetList(listed: readonly ListedTarget[], format: FleetFormat, tty: boolean): string {
  if (format === "json") {
    return `${JSON.stringify(
      listed.map((item) => ({
        ...targetJson(item.target),
        group: item.group,
        fingerprint: item.fingerprint,
        error: item.error,
      })),
      null,
      2,
    )}\n`;
  }
  const rows = listed.map((item) => [
    item.target.id,
    item.group === null ? "-" : String(item.group),
    item.fingerprint ?? `not read: ${item.error ?? ""}`,
  ]);
  const groups = new Set(listed.map((item) => item.group).filter((group) => group !== null)).size;
  const summary = `${listed.length} target${listed.length === 1 ? "" : "s"} in ${groups} group${groups === 1 ? "" : "s"} (targets of one group have identical schemas)`;
  if (format === "markdown") {
    return `${markdownTable(["target", "group", "fingerprint"], rows)}\n\n${summary}\n`;
  }
  return `${renderTable(["TARGET", "GROUP", "FINGERPRINT"], rows, tty)}\n${summary}\n`;
}

/** Up to `max` names, then how many more. */
function names(ids: readonly string[], max = 10): string {
  const shown = ids.slice(0, max).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

/** The JSON form of a fleet plan: groups with their steps and hazards, targets without URLs. */
export function fleetPlanJson(fleet: FleetPlan): unknown {
  return {
    desiredFingerprint: fleet.desiredFingerprint,
    groups: fleet.groups.map((group) => ({
      index: group.index,
      fingerprint: group.fingerprint,
      targets: group.targets,
      steps: group.plan.steps.map((step) => ({
        sql: step.sql,
        transaction: step.transaction,
        hazards: step.hazards.map((hazard) => ({ kind: hazard.kind, reason: hazard.reason })),
      })),
    })),
    targets: fleet.targets.map((planned) => ({
      ...targetJson(planned.target),
      group: planned.group,
      error: planned.error,
    })),
    warnings: fleet.warnings,
  };
}

/**
 * `pg-flux fleet plan` in text or markdown: per group its targets, then its plan as `renderGroup`
 * renders it (the human view or the PR markdown), the tenant schema written `__tenant__`.
 */
export function renderFleetPlan(
  fleet: FleetPlan,
  format: Exclude<FleetFormat, "json">,
  renderGroup: (plan: FleetPlan["groups"][number]["plan"]) => string,
): string {
  const unread = fleet.targets.filter((planned) => planned.error !== null);
  const withSteps = fleet.groups.filter((group) => group.plan.steps.length > 0);
  const md = format === "markdown";
  const lines: string[] = [
    md ? "## pg-flux fleet plan" : "Fleet plan",
    "",
    `${fleet.targets.length} target${fleet.targets.length === 1 ? "" : "s"} in ${fleet.groups.length} group${fleet.groups.length === 1 ? "" : "s"} of identical schemas; ${withSteps.length} group${withSteps.length === 1 ? "" : "s"} with changes. Each group is planned (and verified) once; its SQL names the tenant schema \`__tenant__\`.`,
    "",
  ];
  for (const group of fleet.groups) {
    const n = group.targets.length;
    const steps = group.plan.steps.length;
    const hazards = [...new Set(group.plan.steps.flatMap((step) => step.hazards.map((h) => h.kind)))];
    lines.push(
      `${md ? "### " : ""}Group ${group.index}: ${n} target${n === 1 ? "" : "s"}, ${steps === 0 ? "nothing to do" : `${steps} step${steps === 1 ? "" : "s"}`}${hazards.length > 0 ? `, hazards ${hazards.join(", ")}` : ""}`,
      `${md ? "" : "  "}targets: ${names(group.targets)}`,
      "",
    );
    if (steps > 0) lines.push(renderGroup(group.plan).trimEnd(), "");
  }
  if (unread.length > 0) {
    lines.push(`${md ? "### " : ""}Not read (${unread.length})`);
    for (const planned of unread) lines.push(`${md ? "- " : "  "}${planned.target.id}: ${planned.error}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

const STATUS_LABEL: Readonly<Record<TargetStatus, string>> = {
  applied: "applied",
  nothing_to_do: "nothing to do",
  refused: "REFUSED",
  failed: "FAILED",
  interrupted: "INTERRUPTED",
  not_run: "not run",
};

/** One line saying how the fleet ended. */
export function fleetSummary(result: FleetApplyResult): string {
  const { counts } = result;
  const parts = (Object.keys(STATUS_LABEL) as TargetStatus[])
    .filter((status) => counts[status] > 0)
    .map((status) => `${STATUS_LABEL[status].toLowerCase()} ${counts[status]}`);
  const stopped = {
    canary_failed: "stopped: the canary wave did not apply",
    max_failures: "stopped: --max-failures reached",
    interrupted: "interrupted",
    blocking_hazards: "refused: blocking hazards (nothing was applied)",
  } as const;
  const why = result.stopped ? `; ${stopped[result.stopped]}` : "";
  return `Fleet ${result.runId}: ${parts.join(", ")} in ${seconds(result.ms)}${why}.`;
}

/** The closing advice: what to do next (nothing when every target is done). */
export function fleetNextStep(result: FleetApplyResult): string | null {
  const { counts } = result;
  if (counts.failed + counts.refused + counts.interrupted + counts.not_run === 0) return null;
  return "Run pg-flux fleet apply again to finish: targets already at the desired schema are skipped (nothing to do), failed and not-run targets are retried. Where a failure names rows (a data fix), fix them first. Every outcome is recorded in flux.fleet_outcomes of each database.";
}

/** `pg-flux fleet apply`'s final report: a table of targets (failures first), or JSON, or markdown. */
export function renderFleetResult(result: FleetApplyResult, format: FleetFormat, tty: boolean): string {
  if (format === "json") {
    return `${JSON.stringify(
      {
        status: result.status,
        runId: result.runId,
        desiredFingerprint: result.desiredFingerprint,
        stopped: result.stopped,
        counts: result.counts,
        ms: Math.round(result.ms),
        targets: result.outcomes.map((outcome) => ({
          ...targetJson(outcome.target),
          group: outcome.group,
          status: outcome.status,
          stepsApplied: outcome.stepsApplied,
          ms: Math.round(outcome.ms),
          message: outcome.message,
        })),
      },
      null,
      2,
    )}\n`;
  }
  const order: readonly TargetStatus[] = [
    "failed",
    "refused",
    "interrupted",
    "not_run",
    "applied",
    "nothing_to_do",
  ];
  const sorted = [...result.outcomes].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const rows = sorted.map((outcome) => [
    outcome.target.id,
    STATUS_LABEL[outcome.status],
    String(outcome.stepsApplied),
    outcome.ms > 0 ? seconds(outcome.ms) : "",
    (outcome.message ?? "").replace(/\s+/g, " "),
  ]);
  const next = fleetNextStep(result);
  if (format === "markdown") {
    return [
      `## pg-flux fleet apply: ${result.status.replace(/_/g, " ")}`,
      "",
      fleetSummary(result),
      "",
      markdownTable(["target", "status", "steps", "time", "message"], rows),
      ...(next ? ["", next] : []),
      "",
    ].join("\n");
  }
  return [
    renderTable(["TARGET", "STATUS", "STEPS", "TIME", "MESSAGE"], rows, tty),
    fleetSummary(result),
    ...(next ? [next] : []),
    "",
  ].join("\n");
}

function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

/**
 * The live progress of a fleet apply on stderr. On a TTY one line rewritten in place
 * (`fleet: 12/40 done, 1 failed, 28 remaining, ETA 35s`) with each failure printed above it;
 * without a TTY one line per finished target.
 */
export function fleetProgressReporter(io: Io, total: number) {
  const started = performance.now();
  let ran = 0;
  let line = "";
  const clear = () => (io.isTTY && line ? "\r\u001b[2K" : "");
  return {
    started(target: FleetTarget): void {
      if (!io.isTTY) io.stderr(`${target.id}: applying\n`);
    },
    finished(outcome: TargetOutcome, progress: FleetProgress): void {
      if (outcome.result !== null) ran += 1;
      const elapsed = performance.now() - started;
      if (!io.isTTY) {
        const message = outcome.message ? `: ${outcome.message.replace(/\s+/g, " ")}` : "";
        io.stderr(`${outcome.target.id}: ${STATUS_LABEL[outcome.status]}${message}\n`);
        return;
      }
      if (outcome.status === "failed" || outcome.status === "refused" || outcome.status === "interrupted")
        io.stderr(
          `${clear()}${outcome.target.id}: ${STATUS_LABEL[outcome.status]}: ${outcome.message ?? ""}\n`,
        );
      const eta =
        ran > 0 && progress.remaining > 0 ? `, ETA ${seconds((elapsed / ran) * progress.remaining)}` : "";
      line = `fleet: ${progress.done}/${progress.total} done, ${progress.failed} failed, ${progress.remaining} remaining${eta}`;
      io.stderr(`\r\u001b[2K${line}`);
      if (progress.remaining === 0) this.end();
    },
    end(): void {
      if (io.isTTY && line) io.stderr("\n");
      line = "";
    },
    total,
  };
}

function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;
}
