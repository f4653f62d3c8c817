/**
 * Fleet bench (issue 19): a pooled database of N identical tenant schemas × T tables (enum, FKs,
 * indexes, a view), and a small change to every tenant. Measures, on an embedded PostgreSQL 18:
 * - `listFleet`: reading every tenant (inspect + fingerprint, 4 at a time);
 * - `planFleet`: wall time (reading every tenant, grouping, one plan and one verification), per
 *   tenant, and the number of groups (1 for identical tenants);
 * - `applyFleet` at each concurrency: wall time and per-tenant cost, each run on a fresh copy of the
 *   database (CREATE DATABASE … TEMPLATE);
 * - the process's peak RSS.
 * Measures the BUILT engine (`npm run build` first). Not a timed test; numbers depend on the machine.
 *
 *   node bench/fleet.mjs [--tenants=100,1000] [--tables=5] [--concurrency=1,4,8] [--apply-max=1000]
 */
import {
  applyFleet,
  listFleet,
  openScratchHost,
  planFleet,
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

/** One tenant's schema (unqualified: run with search_path set to the tenant). */
function tenantSql() {
  const lines = ["create type status as enum ('new', 'active', 'closed');"];
  for (let i = 0; i < tables; i++) {
    lines.push(
      `create table t${i} (id bigint primary key, parent bigint${i > 0 ? " references t0 (id)" : ""}, status status not null default 'new', name text not null, created_at timestamptz not null default now());`,
      `create index t${i}_name on t${i} (name);`,
    );
  }
  lines.push("create view active_t0 as select id, name from t0 where status = 'active';");
  return lines.join("\n");
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

/** A template database holding `n` tenants with 10 rows per table. */
async function createTemplate(server, n) {
  const name = `fleet_bench_${n}`;
  await query(server.url, `create database ${name}`);
  const url = databaseUrl(server.url, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const body = tenantSql();
    const rows = Array.from({ length: tables }, (_, i) =>
      i === 0
        ? "insert into t0 (id, name) select g, 'n' || g from generate_series(1, 10) g;"
        : `insert into t${i} (id, parent, name) select g, g, 'n' || g from generate_series(1, 10) g;`,
    ).join("\n");
    for (let t = 0; t < n; t++) {
      const schema = `t_${String(t).padStart(5, "0")}_api`;
      await client.query(
        `begin; create schema ${schema}; set local search_path to ${schema}; ${body}\n${rows}\ncommit;`,
      );
    }
  } finally {
    await client.end();
  }
  return name;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2)}s`;
}

const results = [];
await withServer(18, async (server) => {
  let started = performance.now();
  const host = await openScratchHost({ targetUrl: server.url });
  console.log(`scratch host opened in ${seconds(performance.now() - started)}`);
  try {
    for (const n of tenantCounts) {
      started = performance.now();
      const template = await createTemplate(server, n);
      console.log(
        `\n${n} tenants × ${tables} tables: template built in ${seconds(performance.now() - started)}`,
      );
      const sources = [{ name: "tenant.sql", text: desiredSql() }];
      const planOn = async (database) => {
        const targets = await resolveFleetTargets([
          singleDatabase(databaseUrl(server.url, database), { kind: "like", pattern: "t_%_api" }),
        ]);
        const t0 = performance.now();
        const fleet = await planFleet({ targets, sources, scratchHost: host, inspectConcurrency: 4 });
        return { fleet, ms: performance.now() - t0 };
      };
      const listTargets = await resolveFleetTargets([
        singleDatabase(databaseUrl(server.url, template), { kind: "like", pattern: "t_%_api" }),
      ]);
      const l0 = performance.now();
      await listFleet({ targets: listTargets, inspectConcurrency: 4 });
      const listMs = performance.now() - l0;
      console.log(
        `read every tenant (fleet list): ${seconds(listMs)} (${(listMs / n).toFixed(1)} ms/tenant)`,
      );
      results.push({ tenants: n, phase: "list", ms: listMs });
      const { fleet, ms } = await planOn(template);
      const steps = fleet.groups.map((g) => g.plan.steps.length);
      console.log(
        `plan: ${seconds(ms)} (${(ms / n).toFixed(1)} ms/tenant), ${fleet.groups.length} group(s), steps per group ${steps.join(",")}`,
      );
      results.push({ tenants: n, phase: "plan", ms, groups: fleet.groups.length, steps });
      if (n > applyMax) continue;
      for (const concurrency of concurrencies) {
        const copy = `${template}_c${concurrency}`;
        await query(server.url, `create database ${copy} template ${template}`);
        try {
          const planned = await planOn(copy);
          const t0 = performance.now();
          const result = await applyFleet({ fleet: planned.fleet, concurrency, canary: 1, maxFailures: 1 });
          const applyMs = performance.now() - t0;
          console.log(
            `apply, concurrency ${concurrency}: ${seconds(applyMs)} (${(applyMs / n).toFixed(1)} ms/tenant wall), ${result.status}, applied ${result.counts.applied}`,
          );
          results.push({ tenants: n, phase: "apply", concurrency, ms: applyMs, status: result.status });
        } finally {
          await query(server.url, `drop database ${copy} with (force)`);
        }
      }
    }
  } finally {
    await host.close();
  }
});
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak RSS: ${rss.toFixed(0)} MB`);
console.log(JSON.stringify({ tables, results, peakRssMb: Math.round(rss) }));
