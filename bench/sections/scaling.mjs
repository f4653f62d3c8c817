/**
 * Section 2, scaling: synthetic schemas (generate-schema.mjs) of growing size on PostgreSQL 18. Per
 * size, `current` is the generated schema and the desired files are the same plus its scaled edits;
 * measured in child processes, one run per size (the sizes draw the growth curve): pg-flux plan end
 * to end with its phases, and side by side in the same run the peers as issue 18 compares them —
 * the desired files loaded with `psql -1` into a database (once per size, measured as a whole), then
 * `@pgkit/migra` and `@supabase/pg-delta` each diffing `current` against it — every tool as a whole
 * (wall, CPU of the process tree plus the bench server's share: lib/whole.mjs) with its peak RSS;
 * and the inspector alone (time, peak RSS, slowest catalog queries). With `cpuProfDir`, one extra
 * plan run per size under `node --cpu-prof` (the inspector when the plan was not run), and its hot
 * spots.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateEdits, generateSchema } from "../generate-schema.mjs";
import { runProbe } from "../lib/child.mjs";
import { hotSpots } from "../lib/cpu-profile.mjs";
import { createLoadedDatabase } from "../lib/database.mjs";
import { notRun, sampleRuns } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";
import { whole } from "../lib/whole.mjs";

/** The tools measured side by side at each size, each under its own time budget (toolBudget). */
export const SCALE_TOOLS = ["plan", "migra", "pgDelta"];

/** A psql load of a 20k-table schema on a loaded machine outlasts runCommand's default 10 minutes. */
const LOAD_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * Keeps the bench inside its time limit: a tool is not run at a size where its previous size's
 * time, scaled linearly, would exceed `budgetMs`; the table says so and why. (A tool that runs is
 * also stopped at `budgetMs`; a plan is reported with the phases it finished.)
 */
function toolBudget(budgetMs) {
  let last;
  return {
    skipReason(tables) {
      if (!last || budgetMs === undefined) return undefined;
      const expected = (last.ms * tables) / last.tables;
      if (expected <= budgetMs) return undefined;
      return `${last.tables.toLocaleString("en-US")} tables took ${Math.round(last.ms / 1000)} s, so ${tables.toLocaleString("en-US")} would take ≈${Math.round(expected / 60_000)} min at best (budget ${Math.round(budgetMs / 60_000)} min; --plan-budget raises it)`;
    },
    record(tables, plan) {
      if (plan.status === "measured") last = { tables, ms: plan.wallMs ?? plan.totalMs };
      // a failed or stopped plan still spent its time up to there
      else if (plan.status === "failed" || plan.status === "timed_out")
        last = { tables, ms: plan.elapsedMs ?? 0 };
    },
  };
}

/** One run under `node --cpu-prof` and its hot spots (a run that fails still leaves its profile). */
async function profileOnce(dir, probe, args, timeoutMs) {
  mkdirSync(dir, { recursive: true });
  const failed = await runProbe(probe, args, { cpuProfDir: dir, timeoutMs }).then(
    () => false,
    () => true,
  );
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return undefined;
  return {
    probe: failed ? `${probe}, failed` : probe,
    file: path.join(dir, file),
    ...hotSpots(path.join(dir, file)),
  };
}

/**
 * @param {{ sizes: readonly number[], planBudgetMs?: number, cpuProfDir?: string, log: (line: string) => void }} options
 */
export async function runScaling({ sizes, planBudgetMs, cpuProfDir, log }) {
  const budgets = Object.fromEntries(SCALE_TOOLS.map((tool) => [tool, toolBudget(planBudgetMs)]));
  const work = mkdtempSync(path.join(os.tmpdir(), "pgflux-bench-scale-"));
  const results = [];
  try {
    for (const tables of sizes) {
      const schemaFile = path.join(work, `schema-${tables}.sql`);
      const editFile = path.join(work, `edits-${tables}.sql`);
      writeFileSync(schemaFile, generateSchema({ tables }));
      writeFileSync(editFile, generateEdits({ tables }));
      log(`scaling: ${tables} tables`);
      results.push(
        await withServer(18, async (server) => {
          const loadAverage = { start: os.loadavg()[0] };
          const loadStarted = performance.now();
          const current = await createLoadedDatabase(server.url, "current", [schemaFile], work, {
            singleTransaction: true,
            timeoutMs: LOAD_TIMEOUT_MS,
          });
          const loadMs = performance.now() - loadStarted;
          // the peers' way to read the desired files: loaded once, measured as a whole, added to each
          let desiredUrl;
          const desiredLoad = await sampleRuns(1, async () =>
            whole(server, async () => {
              desiredUrl = await createLoadedDatabase(server.url, "desired", [schemaFile, editFile], work, {
                singleTransaction: true,
                timeoutMs: LOAD_TIMEOUT_MS,
              });
              return {};
            }),
          );
          const planArgs = { url: current, files: [schemaFile, editFile], cwd: work };
          const peerArgs = { fromUrl: current, toUrl: desiredUrl };
          const probes = {
            plan: () => runProbe("plan", planArgs, { timeoutMs: planBudgetMs }),
            migra: () => runProbe("migra", peerArgs, { timeoutMs: planBudgetMs }),
            pgDelta: () => runProbe("pgdelta", peerArgs, { timeoutMs: planBudgetMs }),
          };
          const measured = {};
          for (const tool of SCALE_TOOLS) {
            const skip =
              tool !== "plan" && !desiredUrl
                ? "the desired files did not load"
                : budgets[tool].skipReason(tables);
            const started = performance.now();
            const summary = skip ? notRun(skip) : await sampleRuns(1, () => whole(server, probes[tool]));
            if (summary.status !== "measured") summary.elapsedMs = performance.now() - started;
            budgets[tool].record(tables, summary);
            measured[tool] = summary;
            log(
              `  ${tables} tables: ${tool} ${summary.status}${summary.wallMs ? ` ${Math.round(summary.wallMs / 1000)} s` : ""}`,
            );
          }
          const { plan } = measured;
          const inspector = await sampleRuns(1, () => runProbe("inspect", { url: current }));
          let profile;
          if (cpuProfDir) {
            const dir = path.join(cpuProfDir, `scale-${tables}`);
            profile =
              plan.status === "not_run"
                ? await profileOnce(dir, "inspect", { url: current })
                : await profileOnce(dir, "plan", planArgs, planBudgetMs);
          }
          log(`  ${tables} tables: inspector ${Math.round(inspector.totalMs ?? Number.NaN)} ms`);
          loadAverage.end = os.loadavg()[0];
          return {
            tables,
            loadAverage,
            loadMs,
            desiredLoad,
            plan,
            migra: measured.migra,
            pgDelta: measured.pgDelta,
            inspector,
            profile,
          };
        }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}
