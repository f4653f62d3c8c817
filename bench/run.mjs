#!/usr/bin/env node
/**
 * pg-flux benchmarks: plan speed against peers on the shared corpus, scaling on synthetic schemas,
 * lock impact under a live writer. Prints tables and writes bench/results/<timestamp>.json.
 *
 *   npm run bench                      # everything (≈15–20 min on 2 cores)
 *   npm run bench -- --quick           # smoke run (CI): 2 corpus schemas, 200 tables, 100k rows, 1 run
 *   npm run bench -- --only=locks      # one or more of: plan,scale,locks
 *   npm run bench -- --corpus=danbooru,blockscout --runs=3
 *   npm run bench -- --only=scale --sizes=1000,5000 --cpu-prof
 *
 * Needs the built packages (`npm run build`), psql and pg_dump 15 on PATH, /usr/bin/time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { renderLocks, renderPlanSpeed, renderScaling } from "./report/render.mjs";
import { runLocks } from "./sections/locks.mjs";
import { runPlanSpeed } from "./sections/plan-speed.mjs";
import { runScaling } from "./sections/scaling.mjs";

const SECTIONS = ["plan", "scale", "locks"];
const HELP = `usage: node bench/run.mjs [--quick] [--only=plan,scale,locks] [--runs=N] [--corpus=a,b]
                         [--sizes=1000,5000,20000] [--rows=N] [--cpu-prof] [--out=FILE]`;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      runs: { type: "string" },
      corpus: { type: "string" },
      sizes: { type: "string" },
      rows: { type: "string" },
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
    sizes:
      list(values.sizes)?.map((size) => positive(size, 0, "sizes")) ?? (quick ? [200] : [1000, 5000, 20000]),
    rows: positive(values.rows, quick ? 100_000 : 2_000_000, "rows"),
    cpuProf: values["cpu-prof"],
    out: values.out,
  };
}

async function main() {
  const opts = options();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const resultsDir = path.join(here, "results");
  mkdirSync(resultsDir, { recursive: true });
  const log = (line) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const report = { startedAt: new Date().toISOString(), options: opts, machine: machineInfo(), sections: {} };

  if (opts.only.includes("plan")) {
    report.sections.plan = await runPlanSpeed({ quick: opts.quick, runs: opts.runs, only: opts.corpus, log });
    console.log(`\n${renderPlanSpeed(report.sections.plan, opts.runs)}`);
  }
  if (opts.only.includes("scale")) {
    report.sections.scale = await runScaling({
      sizes: opts.sizes,
      // the scaling runs are the long ones: one sample per size draws the growth curve
      runs: 1,
      planBudgetMs: opts.quick ? undefined : 6 * 60_000,
      cpuProfDir: opts.cpuProf ? path.join(resultsDir, `profiles-${stamp}`) : undefined,
      log,
    });
    console.log(`\n${renderScaling(report.sections.scale)}`);
  }
  if (opts.only.includes("locks")) {
    report.sections.locks = await runLocks({ rows: opts.rows, runs: opts.quick ? 1 : 3, log });
    console.log(`\n${renderLocks(report.sections.locks)}`);
  }

  report.wallMs = performance.now() - started;
  report.machine.loadAverageAtEnd = os.loadavg();
  const out = opts.out ?? path.join(resultsDir, `${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(
    `\nbench finished in ${Math.round(report.wallMs / 1000)} s; results in ${path.relative(process.cwd(), out)}`,
  );
}

function machineInfo() {
  return {
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
