/**
 * Fleet bench (issue 19). Two layouts, on embedded PostgreSQL 18:
 * - pooled (default): one database of N identical tenant schemas × T tables (enum, FKs, indexes, a
 *   view, row-level security with a policy);
 * - `--servers=S --databases=D`: D databases of one tenant each (schema `app`, same tables; not
 *   `public`: a fleet renames the tenant schema's name as a token, which also renames the role
 *   PUBLIC of the policies, so every plan would hold two ALTER POLICY … TO PUBLIC steps),
 *   spread over S embedded servers, reached through a targets file whose entries name environment
 *   variables (`urlEnv`): no password is written to the file or printed.
 * For either, a small change to every tenant, and it measures:
 * - `listFleet`: reading every tenant (inspect + fingerprint, 4 databases at a time);
 * - `planFleet`: wall time (reading every tenant, grouping, one plan and one verification), per
 *   tenant, and the number of groups (1 for identical tenants);
 * - `applyFleet` at each concurrency: wall time and per-tenant cost, each run on fresh copies of the
 *   databases (CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY);
 * - the process's peak RSS, and the load average (1 min) when each phase starts and ends: the
 *   machine may be shared.
 * Measures the BUILT engine (`npm run build` first). Not a timed test; numbers depend on the machine.
 *
 *   node bench/fleet.mjs [--tenants=100,1000] [--tables=5] [--concurrency=1,4,8] [--apply-max=1000]
 *   node bench/fleet.mjs --servers=2 --databases=20 [--tables=20] [--concurrency=1,4,8]
 *   (either: --show-steps prints the planned SQL)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  applyFleet,
  listFleet,
  openScratchHost,
  planFleet,
  readTargetsFile,
  resolveFleetTargets,
  singleDatabase,
} from "@pg-flux/engine";
import { databaseUrl, withServer } from "./lib/servers.mjs";
import { copyDatabase, createTemplate, desiredSql, query, tenantRows, tenantSql } from "./lib/tenants.mjs";

const option = (name, fallback) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? given.slice(name.length + 3) : fallback;
};
const tenantCounts = option("tenants", "100,1000").split(",").map(Number);
const tables = Number(option("tables", "5"));
const concurrencies = option("concurrency", "1,4,8").split(",").map(Number);
const applyMax = Number(option("apply-max", "1000"));
const servers = Number(option("servers", "0"));
const databases = Number(option("databases", "0"));
/** `--show-steps`: print the first group's SQL (to check the change planned is the 4 steps). */
const showSteps = process.argv.includes("--show-steps");
function load() {
  return os.loadavg()[0].toFixed(1);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)}s`;
}

const results = [];

/**
 * Lists, plans and applies one fleet: `targetsOf(suffix)` resolves the targets of the databases
 * named with `suffix` ("" for the templates), `copy(suffix)` makes fresh copies of every template
 * under that suffix and returns a function that drops them.
 */
async function measure({ label, n, host, targetsOf, copy }) {
  const sources = [{ name: "tenant.sql", text: desiredSql(tables) }];
  const planOn = async (suffix) => {
    const targets = await targetsOf(suffix);
    const t0 = performance.now();
    const fleet = await planFleet({ targets, sources, scratchHost: host, inspectConcurrency: 4 });
    return { fleet, ms: performance.now() - t0 };
  };
  let loadBefore = load();
  const listTargets = await targetsOf("");
  const l0 = performance.now();
  await listFleet({ targets: listTargets, inspectConcurrency: 4 });
  const listMs = performance.now() - l0;
  console.log(
    `read every tenant (fleet list): ${seconds(listMs)} (${(listMs / n).toFixed(1)} ms/tenant), load ${loadBefore} → ${load()}`,
  );
  results.push({ label, tenants: n, phase: "list", ms: listMs, load: [loadBefore, load()] });
  loadBefore = load();
  const { fleet, ms } = await planOn("");
  const steps = fleet.groups.map((g) => g.plan.steps.length);
  if (showSteps) for (const step of fleet.groups[0]?.plan.steps ?? []) console.log(step.sql);
  console.log(
    `plan: ${seconds(ms)} (${(ms / n).toFixed(1)} ms/tenant), ${fleet.groups.length} group(s), steps per group ${steps.join(",")}, load ${loadBefore} → ${load()}`,
  );
  results.push({
    label,
    tenants: n,
    phase: "plan",
    ms,
    groups: fleet.groups.length,
    steps,
    load: [loadBefore, load()],
  });
  if (n > applyMax) return;
  for (const concurrency of concurrencies) {
    const drop = await copy(`_c${concurrency}`);
    try {
      const planned = await planOn(`_c${concurrency}`);
      loadBefore = load();
      const t0 = performance.now();
      const result = await applyFleet({ fleet: planned.fleet, concurrency, canary: 1, maxFailures: 1 });
      const applyMs = performance.now() - t0;
      console.log(
        `apply, concurrency ${concurrency}: ${seconds(applyMs)} (${(applyMs / n).toFixed(1)} ms/tenant wall), ${result.status}, applied ${result.counts.applied}, load ${loadBefore} → ${load()}`,
      );
      results.push({
        label,
        tenants: n,
        phase: "apply",
        concurrency,
        ms: applyMs,
        status: result.status,
        applied: result.counts.applied,
        load: [loadBefore, load()],
      });
    } finally {
      await drop();
    }
  }
}

/** The pooled layout: one database of `n` tenant schemas per size. */
async function pooled() {
  await withServer(18, async (server) => {
    let started = performance.now();
    const host = await openScratchHost({ targetUrl: server.url });
    console.log(`scratch host opened in ${seconds(performance.now() - started)}`);
    try {
      for (const n of tenantCounts) {
        started = performance.now();
        const loadBefore = load();
        const template = await createTemplate(server, n, tables);
        const buildMs = performance.now() - started;
        console.log(
          `\n${n} tenants × ${tables} tables: template built in ${seconds(buildMs)}, load ${loadBefore} → ${load()}`,
        );
        results.push({
          label: "pooled",
          tenants: n,
          phase: "build",
          ms: buildMs,
          load: [loadBefore, load()],
        });
        const urlOf = (suffix) => databaseUrl(server.url, `${template}${suffix}`);
        await measure({
          label: "pooled",
          n,
          host,
          targetsOf: (suffix) =>
            resolveFleetTargets([singleDatabase(urlOf(suffix), { kind: "like", pattern: "t_%_api" })]),
          copy: async (suffix) => {
            await copyDatabase(server.url, template, `${template}${suffix}`);
            return () => query(server.url, `drop database ${template}${suffix} with (force)`);
          },
        });
        await query(server.url, `drop database ${template} with (force)`);
      }
    } finally {
      await host.close();
    }
  });
}

/** `count` embedded servers at once. */
async function withServers(count, body, started = []) {
  if (started.length === count) return body(started);
  return withServer(18, (server) => withServers(count, body, [...started, server]));
}

/**
 * The layout of a database per tenant: `databases` databases spread over `servers` servers, each a
 * copy of one built tenant database of its server, listed in a targets file by environment variable.
 */
async function databasePerTenant() {
  const folder = mkdtempSync(path.join(os.tmpdir(), "pgflux-fleet-bench-"));
  try {
    await withServers(servers, async (started) => {
      const host = await openScratchHost({ targetUrl: started[0].url });
      try {
        const t0 = performance.now();
        for (const server of started) {
          await query(server.url, "create database tenant_template");
          await query(
            databaseUrl(server.url, "tenant_template"),
            `create schema app; set search_path to app;\n${tenantSql(tables)}\n${tenantRows(tables)}`,
          );
        }
        /** The i-th database: its server and name. */
        const placed = Array.from({ length: databases }, (_, i) => ({
          server: started[i % servers],
          name: `tenant_${String(i + 1).padStart(2, "0")}`,
          env: `FLEET_BENCH_DB_${String(i + 1).padStart(2, "0")}`,
        }));
        const copy = async (suffix) => {
          for (const { server, name } of placed) {
            await copyDatabase(server.url, "tenant_template", `${name}${suffix}`);
          }
          return async () => {
            for (const { server, name } of placed) {
              await query(server.url, `drop database ${name}${suffix} with (force)`);
            }
          };
        };
        await copy("");
        console.log(
          `\n${databases} databases × ${tables} tables on ${servers} servers: built in ${seconds(performance.now() - t0)}`,
        );
        const targetsOf = async (suffix) => {
          // the URLs (with their passwords) live in this process's environment only
          const env = {};
          for (const { server, name, env: variable } of placed) {
            env[variable] = databaseUrl(server.url, `${name}${suffix}`);
          }
          const file = path.join(folder, `targets${suffix}.json`);
          writeFileSync(
            file,
            JSON.stringify({
              databases: placed.map(({ name, env: variable }) => ({
                name,
                urlEnv: variable,
                schemas: "app",
              })),
            }),
          );
          return resolveFleetTargets(await readTargetsFile(file, env));
        };
        await measure({
          label: `${databases} databases on ${servers} servers`,
          n: databases,
          host,
          targetsOf,
          copy,
        });
      } finally {
        await host.close();
      }
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (servers > 0 || databases > 0) {
  if (!(servers > 0 && databases >= servers)) throw new Error("--servers=S --databases=D needs 0 < S <= D");
  await databasePerTenant();
} else {
  await pooled();
}
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak RSS: ${rss.toFixed(0)} MB`);
console.log(JSON.stringify({ tables, results, peakRssMb: Math.round(rss) }));
