/**
 * Section 2, scaling: synthetic schemas (generate-schema.mjs) of growing size on PostgreSQL 18. Per
 * size, `current` is the generated schema and `desired` the same plus its scaled edits; measured in
 * child processes: pg-flux plan end to end, its phases, and the inspector alone (time, peak RSS).
 * With `cpuProfDir`, one extra plan run per size under `node --cpu-prof` (the inspector when the
 * plan cannot run), and its hot spots.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateEdits, generateSchema } from "../generate-schema.mjs";
import { runProbe } from "../lib/child.mjs";
import { hotSpots } from "../lib/cpu-profile.mjs";
import { createDatabase, createLoadedDatabase } from "../lib/database.mjs";
import { psqlFiles } from "../lib/pg-tools.mjs";
import { sampleRuns } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";
import { PLAN_PHASES } from "./plan-speed.mjs";

async function profileOnce(dir, probe, args) {
  mkdirSync(dir, { recursive: true });
  await runProbe(probe, args, { cpuProfDir: dir });
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  return file ? { probe, file: path.join(dir, file), ...hotSpots(path.join(dir, file)) } : undefined;
}

/**
 * @param {{ sizes: readonly number[], runs: number, cpuProfDir?: string, log: (line: string) => void }} options
 */
export async function runScaling({ sizes, runs, cpuProfDir, log }) {
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
          const loadStarted = performance.now();
          const current = await createLoadedDatabase(server.url, "current", [schemaFile], work);
          const loadMs = performance.now() - loadStarted;
          const desired = await createDatabase(server.url, "desired", "current");
          await psqlFiles(desired, [editFile], work);
          const planArgs = { url: current, desiredUrl: desired, files: [schemaFile, editFile], cwd: work };
          const plan = await sampleRuns(runs, () => runProbe("plan", planArgs));
          const phases = await sampleRuns(1, () => runProbe("plan-phases", planArgs));
          const inspector = await sampleRuns(runs, () => runProbe("inspect", { url: current }));
          let profile;
          if (cpuProfDir) {
            const dir = path.join(cpuProfDir, `scale-${tables}`);
            profile =
              plan.status === "measured"
                ? await profileOnce(dir, "plan", planArgs)
                : await profileOnce(dir, "inspect", { url: current });
          }
          log(`  ${tables} tables: plan ${plan.status}, inspector ${Math.round(inspector.totalMs)} ms`);
          return { tables, loadMs, plan, phases, inspector, profile };
        }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

export { PLAN_PHASES };
