#!/usr/bin/env node
/**
 * pg-flux benchmarks: plan speed against peers on the shared corpus, scaling on synthetic schemas,
 * lock impact under a live writer. Prints tables and writes bench/results/<timestamp>.json; exits
 * non-zero when a measurement failed or a section produced no rows.
 *
 *   npm run bench                      # everything (≤20 min on 2 idle cores)
 *   npm run bench -- --quick           # smoke run (CI): 2 corpus schemas ×1, 200 tables, 100k rows
 *   npm run bench -- --only=locks      # one or more of: side,plan,scale,locks
 *   npm run bench -- --corpus=danbooru,blockscout --runs=7
 *   npm run bench -- --only=scale --sizes=1000,5000 --cpu-prof
 *
 * Needs the built packages (`npm run build`) and psql and pg_dump 15 on PATH.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkReport } from "./report/check.mjs";
import { renderLocks, renderPlanSpeed, renderScaling, renderSideBySide } from "./report/render.mjs";
import { runLocks } from "./sections/locks.mjs";
import { runPlanSpeed } from "./sections/plan-speed.mjs";
import { runScaling } from "./sections/scaling.mjs";
import { runSideBySide } from "./sections/side-by-side.mjs";

const SECTIONS = ["side", "plan", "scale", "locks"];
const HELP = `usage: node bench/run.mjs [--quick] [--only=side,plan,scale,locks] [--runs=N] [--corpus=a,b]
                         [--corpus-dir=DIR] [--sizes=1000,5000,20000] [--plan-budget=SECONDS]
                         [--rows=N] [--lock-runs=N] [--cpu-prof] [--out=FILE]`;
const here = path.dirname(fileURLToPath(import.meta.url));

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      runs: { type: "string" },
      corpus: { type: "string" },
      "corpus-dir": { type: "string" },
      sizes: { type: "string" },
      "plan-budget": { type: "string" },
      rows: { type: "string" },
      "lock-runs": { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const list = (text) =>
    text
      ?.split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  const only = list(values.only) ?? SECTIONS;
  const unknown = only.filter((section) => !SECTIONS.includes(section));
  if (unknown.length > 0)
    throw new Error(`unknown section ${unknown.join(", ")}; use ${SECTIONS.join(", ")}`);
  const quick = values.quick;
  const positive = (text, fallback, name) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    quick,
    only,
    runs: positive(values.runs, quick ? 1 : 5, "runs"),
    corpus: list(values.corpus),
    corpusDir: values["corpus-dir"] ? path.resolve(values["corpus-dir"]) : undefined,
    sizes:
      list(values.sizes)?.map((size) => positive(size, 0, "sizes")) ?? (quick ? [200] : [1000, 5000, 20000]),
    // the plan at a size is skipped when the previous size's plan, scaled linearly, exceeds this
    planBudgetMs: positive(values["plan-budget"], quick ? 600 : 240, "plan-budget") * 1000,
    rows: positive(values.rows, quick ? 100_000 : 2_000_000, "rows"),
    lockRuns: positive(values["lock-runs"], quick ? 1 : 3, "lock-runs"),
    cpuProf: values["cpu-prof"],
    out: values.out,
  };
}

async function main() {
  const opts = options();
  const missing = ["core", "parser", "inspector", "engine"].filter(
    (name) => !existsSync(path.join(here, `../packages/${name}/dist/index.js`)),
  );
  if (missing.length > 0) throw new Error(`run \`npm run build\` first: no dist in ${missing.join(", ")}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const resultsDir = path.join(here, "results");
  mkdirSync(resultsDir, { recursive: true });
  const log = (line) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const report = { startedAt: new Date().toISOString(), options: opts, machine: machineInfo(), sections: {} };
  const timed = async (name, body) => {
    const sectionStarted = performance.now();
    report.sections[name] = await body();
    report.sectionMs = { ...report.sectionMs, [name]: performance.now() - sectionStarted };
  };

  if (opts.only.includes("side")) {
    await timed("side", () =>
      runSideBySide({
        quick: opts.quick,
        runs: opts.runs,
        only: opts.corpus,
        corpusDir: opts.corpusDir,
        log,
      }),
    );
    console.log(`\n${renderSideBySide(report.sections.side)}`);
  }
  if (opts.only.includes("plan")) {
    await timed("plan", () =>
      runPlanSpeed({ quick: opts.quick, runs: opts.runs, only: opts.corpus, corpusDir: opts.corpusDir, log }),
    );
    console.log(`\n${renderPlanSpeed(report.sections.plan)}`);
  }
  if (opts.only.includes("scale")) {
    await timed("scale", () =>
      runScaling({
        sizes: opts.sizes,
        planBudgetMs: opts.planBudgetMs,
        cpuProfDir: opts.cpuProf ? path.join(resultsDir, `profiles-${stamp}`) : undefined,
        log,
      }),
    );
    console.log(`\n${renderScaling(report.sections.scale)}`);
  }
  if (opts.only.includes("locks")) {
    await timed("locks", () => runLocks({ rows: opts.rows, runs: opts.lockRuns, log }));
    console.log(`\n${renderLocks(report.sections.locks)}`);
  }

  report.wallMs = performance.now() - started;
  report.machine.loadAverageAtEnd = os.loadavg();
  report.problems = checkReport(report, { quick: opts.quick });
  const out = opts.out ?? path.join(resultsDir, `${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const sections = Object.entries(report.sectionMs ?? {})
    .map(([name, ms]) => `${name} ${Math.round(ms / 1000)} s`)
    .join(", ");
  log(
    `\nbench finished in ${Math.round(report.wallMs / 1000)} s (${sections}); results in ${path.relative(process.cwd(), out)}`,
  );
  if (report.problems.length > 0) {
    log(`bench: ${report.problems.length} problem(s):\n${report.problems.map((p) => `  ${p}`).join("\n")}`);
    process.exitCode = 1;
  }
}

function machineInfo() {
  const git = (...args) => {
    try {
      return execFileSync("git", args, { cwd: here, encoding: "utf8" }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    commit: git("rev-parse", "--short", "HEAD"),
    /** Uncommitted changes to the measured packages (another engineer's work in progress, say). */
    dirtyPackages: git("status", "--porcelain", "--", "../packages")?.split("\n").filter(Boolean),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.availableParallelism(),
    /** Other engineers' tests share this machine: the load average says how much. */
    loadAverageAtStart: os.loadavg(),
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
