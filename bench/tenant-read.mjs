/**
 * Where one tenant's read goes (issue 19): a pooled database of N tenant schemas × T tables
 * (bench/lib/tenants.mjs) on an embedded PostgreSQL 18, then `--runs` schema-filtered inspections of
 * one tenant (what each fleet target's fingerprint check before its first step reads), every catalog
 * query timed on the client (server time and transfer). Prints the median of the whole read and of
 * each query, slowest first; with `--explain=K`, EXPLAIN (ANALYZE, BUFFERS) of the K slowest.
 * Measures the BUILT inspector (`npm run build` first). `--baseline=DIR` also times the inspector
 * built in DIR (a copy of an earlier `packages/inspector/dist` placed under the worktree, so its
 * imports resolve), runs of the two interleaved on the same database: before/after of a change.
 * Not a timed test.
 *
 *   node bench/tenant-read.mjs [--tenants=1000] [--tables=20] [--runs=5] [--top=12] [--explain=0]
 *     [--baseline=bench/.inspector-before]
 */
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inspectWithStats } from "@pg-flux/inspector";
import pg from "pg";
import { databaseUrl, withServer } from "./lib/servers.mjs";
import { createTemplate } from "./lib/tenants.mjs";

const option = (name, fallback) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? given.slice(name.length + 3) : fallback;
};
const tenants = Number(option("tenants", "1000"));
const tables = Number(option("tables", "20"));
const runs = Number(option("runs", "5"));
const top = Number(option("top", "12"));
const explain = Number(option("explain", "0"));
const baseline = option("baseline", "");
/** The inspectors to time: this build, and the baseline's when given. */
const inspectors = [{ name: "built", inspect: inspectWithStats }];
if (baseline !== "") {
  const module = await import(pathToFileURL(path.resolve(baseline, "index.js")).href);
  inspectors.unshift({ name: `baseline (${baseline})`, inspect: module.inspectWithStats });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const load = () => os.loadavg()[0].toFixed(1);

/** The statements a client sends with their parameters and times, in order. */
function recorded(client) {
  const sent = [];
  const query = client.query.bind(client);
  client.query = async (...args) => {
    const text = typeof args[0] === "string" ? args[0] : (args[0]?.text ?? "");
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      sent.push({ text, params: args[1], ms: performance.now() - started });
    }
  };
  return sent;
}

/** A short name for a catalog query: its first words after the leading WITH clauses. */
function label(text) {
  return text.replace(/\s+/g, " ").trim().slice(0, 100);
}

await withServer(18, async (server) => {
  const t0 = performance.now();
  const loadBefore = load();
  const database = await createTemplate(server, tenants, tables);
  console.log(
    `${tenants} tenants × ${tables} tables built in ${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadBefore} → ${load()}`,
  );
  const client = new pg.Client({ connectionString: databaseUrl(server.url, database) });
  await client.connect();
  try {
    const tenant = `t_${String(Math.floor(tenants / 2)).padStart(5, "0")}_api`;
    // the catalogs' statistics, as autovacuum keeps them on a live server (the tenants' tables need none)
    const { rows: catalogs } = await client.query(
      "select relname from pg_class where relnamespace = 'pg_catalog'::regnamespace and relkind = 'r'",
    );
    for (const { relname } of catalogs) await client.query(`analyze pg_catalog.${relname}`);
    const loadRuns = load();
    const timed = inspectors.map((inspector) => ({ ...inspector, totals: [], perQuery: new Map() }));
    for (let run = 0; run < runs; run++) {
      for (const inspector of timed) {
        const sent = recorded(client);
        const started = performance.now();
        const { queries } = await inspector.inspect(client, { schemas: [tenant] });
        inspector.totals.push(performance.now() - started);
        client.query = pg.Client.prototype.query.bind(client);
        if (sent.length !== queries)
          throw new Error(`recorded ${sent.length} statements, the read sent ${queries}`);
        sent.forEach((statement, index) => {
          const entry = inspector.perQuery.get(index) ?? {
            text: statement.text,
            params: statement.params,
            ms: [],
          };
          entry.ms.push(statement.ms);
          inspector.perQuery.set(index, entry);
        });
      }
    }
    const loadAfter = load();
    const summary = [];
    let ranked = [];
    for (const inspector of timed) {
      const { totals } = inspector;
      console.log(
        `\n${inspector.name}: one tenant's read (${tenant}), ${runs} runs: median ${median(totals).toFixed(0)} ms (min ${Math.min(...totals).toFixed(0)}, max ${Math.max(...totals).toFixed(0)}), load ${loadRuns} → ${loadAfter}`,
      );
      ranked = [...inspector.perQuery.values()].sort((a, b) => median(b.ms) - median(a.ms));
      console.log("median ms  query");
      for (const entry of ranked.slice(0, top)) {
        console.log(`${median(entry.ms).toFixed(1).padStart(9)}  ${label(entry.text)}`);
      }
      const rest = ranked.slice(top).reduce((sum, entry) => sum + median(entry.ms), 0);
      console.log(`${rest.toFixed(1).padStart(9)}  the other ${ranked.length - top} statements together`);
      summary.push({
        inspector: inspector.name,
        medianMs: Math.round(median(totals)),
        queries: ranked.map((entry) => ({
          sql: label(entry.text),
          medianMs: Number(median(entry.ms).toFixed(1)),
        })),
      });
    }
    for (const entry of ranked.slice(0, explain)) {
      if (!entry.params) continue;
      await client.query("begin isolation level repeatable read read only");
      await client.query("set local search_path = ''");
      const { rows } = await client.query(`explain (analyze, buffers) ${entry.text}`, entry.params);
      await client.query("rollback");
      console.log(`\n${label(entry.text)}\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}`);
    }
    console.log(JSON.stringify({ tenants, tables, runs, load: [loadRuns, loadAfter], summary }));
  } finally {
    await client.end();
  }
});
