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
import pg from "pg";
import { databaseUrl, withServer } from "./lib/servers.mjs";

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
/** Connections building a pooled template at once, each tenant its own transaction. */
const BUILD_CONNECTIONS = 4;
/** Tenants sent in one round trip (one transaction each). */
const BUILD_BATCH = 10;

/** One tenant's schema (unqualified: run with search_path set to the tenant). */
function tenantSql() {
  const lines = ["create type status as enum ('new', 'active', 'closed');"];
  for (let i = 0; i < tables; i++) {
    lines.push(
      `create table t${i} (id bigint primary key, parent bigint${i > 0 ? " references t0 (id)" : ""}, status status not null default 'new', name text not null, created_at timestamptz not null default now());`,
      `create index t${i}_name on t${i} (name);`,
    );
  }
  lines.push(
    "create view active_t0 as select id, name from t0 where status = 'active';",
    "alter table t0 enable row level security;",
    "create policy t0_open on t0 for select using (status <> 'closed');",
    "create policy t0_write on t0 for update using (status = 'active') with check (status <> 'new');",
  );
  return lines.join("\n");
}

/** Ten rows per table. */
function tenantRows() {
  return Array.from({ length: tables }, (_, i) =>
    i === 0
      ? "insert into t0 (id, name) select g, 'n' || g from generate_series(1, 10) g;"
      : `insert into t${i} (id, parent, name) select g, g, 'n' || g from generate_series(1, 10) g;`,
  ).join("\n");
}

/** The change: a column, an index and a CHECK (added NOT VALID, then validated). */
function desiredSql() {
  return `${tenantSql()}
alter table t0 add column note text;
create index t1_created_at on t1 (created_at);
alter table t2 add constraint t2_name_length check (length(name) < 200);
`;
}

async function query(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A template database holding `n` tenant schemas. Built by BUILD_CONNECTIONS connections at once,
 * BUILD_BATCH tenants per round trip, one transaction per tenant: measured at 300 tenants × 20
 * tables (load 4–8), one transaction per tenant on one connection took 35.7 s, 50 tenants per
 * transaction 62.2 s (big transactions are slower), 50 per transaction on 4 connections 15.1 s.
 */
async function createTemplate(server, n) {
  const name = `fleet_bench_${n}`;
  await query(server.url, `create database ${name}`);
  const url = databaseUrl(server.url, name);
  const body = `${tenantSql()}\n${tenantRows()}`;
  let next = 0;
  await Promise.all(
    Array.from({ length: BUILD_CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        while (next < n) {
          const from = next;
          next = Math.min(n, next + BUILD_BATCH);
          let sql = "";
          for (let t = from; t < next; t++) {
            const schema = `t_${String(t).padStart(5, "0")}_api`;
            sql += `begin; create schema ${schema}; set local search_path to ${schema};\n${body}\ncommit;\n`;
          }
          await client.query(sql);
        }
      } finally {
        await client.end();
      }
    }),
  );
  return name;
}

/** A copy of a database (file copy: measured 1.5 s against 7.9 s for WAL_LOG at 300 × 20). */
async function copyDatabase(serverUrl, template, name) {
  await query(serverUrl, `create database ${name} template ${template} strategy file_copy`);
}

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
  const sources = [{ name: "tenant.sql", text: desiredSql() }];
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
  if (process.env.FLEET_BENCH_STEPS)
    for (const step of fleet.groups[0]?.plan.steps ?? []) console.log(step.sql);
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
        const template = await createTemplate(server, n);
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
            `create schema app; set search_path to app;\n${tenantSql()}\n${tenantRows()}`,
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
