/**
 * What makes a bench run fail (exit 1): a section that produced no rows, or a measurement that did
 * not complete. Deliberate gaps are not failures: pg_dump where no pg_dump of the server's major
 * exists (`not_available`), a scaling plan skipped or stopped by the time budget (`not_run`,
 * `timed_out`; in quick mode every size must run to the end).
 */
import { SIDE_TOOLS } from "../sections/side-by-side.mjs";

/** @returns {string[]} one line per problem */
export function checkReport(report, { quick }) {
  const problems = [];
  const { side, plan, scale, locks } = report.sections;
  const measured = (label, summary, { optional = false, skippable = false } = {}) => {
    if (summary?.status === "measured") return;
    if (optional && summary?.status === "not_available") return;
    if (skippable && (summary?.status === "not_run" || summary?.status === "timed_out")) return;
    problems.push(
      `${label}: ${summary?.status ?? "missing"}${summary?.reason ? ` — ${summary.reason}` : ""}`,
    );
  };
  if (side) {
    if (side.results.length === 0) problems.push("side by side: no schema was measured");
    for (const r of side.results) {
      if (r.error) {
        problems.push(`side by side ${r.name}: ${r.error}`);
        continue;
      }
      for (const [scenario, tools] of Object.entries(SIDE_TOOLS)) {
        for (const tool of tools) {
          const optional = tool === "floor" || tool === "pgDump";
          measured(`side by side ${r.name} ${scenario} ${tool}`, r[scenario][tool], { optional });
        }
      }
    }
  }
  if (plan) {
    if (plan.results.length === 0) problems.push("plan speed: no schema was measured");
    for (const r of plan.results) {
      if (r.error) {
        problems.push(`plan speed ${r.name}: ${r.error}`);
        continue;
      }
      measured(`plan speed ${r.name} pg-flux plan`, r.plan);
      measured(`plan speed ${r.name} migra`, r.migra);
      measured(`plan speed ${r.name} inspector`, r.inspector);
      measured(`plan speed ${r.name} pg_dump`, r.pgDump, { optional: true });
    }
  }
  if (scale) {
    if (scale.length === 0) problems.push("scaling: no size was measured");
    for (const r of scale) {
      measured(`scaling ${r.tables} plan`, r.plan, { skippable: !quick });
      measured(`scaling ${r.tables} desired load`, r.desiredLoad);
      measured(`scaling ${r.tables} migra`, r.migra, { skippable: !quick });
      measured(`scaling ${r.tables} pg-delta`, r.pgDelta, { skippable: !quick });
      measured(`scaling ${r.tables} inspector`, r.inspector);
    }
  }
  if (locks) {
    if (locks.results.length === 0) problems.push("locks: no recipe was measured");
    for (const r of locks.results) {
      if (r.status !== "measured") problems.push(`locks ${r.recipe} / ${r.variant}: ${r.reason}`);
    }
  }
  return problems;
}
