/** The printed tables of each section (bench/README.md copies them from a real run). */
import { mb, ms, NOT_AVAILABLE, renderTable, times } from "../lib/format.mjs";
import { ratio } from "../lib/stats.mjs";
import { PLAN_PHASES } from "../sections/plan-speed.mjs";

const PHASE_LABELS = {
  parse: "parse",
  scratchLoad: "scratch load",
  inspectCurrent: "inspect cur",
  inspectDesired: "inspect des",
  diff: "diff",
  sort: "sort",
  verify: "verify",
};

/** A tool's cell: its median, or why there is none. */
function cell(summary, field, format) {
  if (!summary) return NOT_AVAILABLE;
  if (summary.status === "not_available") return NOT_AVAILABLE;
  if (summary.status === "not_run") return "not run";
  if (summary.status === "failed") return "failed";
  return format(summary[field]);
}

function value(summary, field) {
  return summary?.status === "measured" ? summary[field] : Number.NaN;
}

/** Long refusals list every object: keep the first ones. */
function shorten(text) {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Footnotes: every tool that could not be measured, and why (once per distinct reason). */
function notes(entries) {
  const lines = [];
  const seen = new Map();
  for (const [label, summary] of entries) {
    const reason =
      summary?.status === "measured"
        ? summary.failedAt
          ? `stopped at ${summary.failedAt}: ${summary.reason}`
          : null
        : summary?.reason;
    if (!reason) continue;
    const key = `${summary.status}|${reason}`;
    if (!seen.has(key)) seen.set(key, { reason, status: summary.status, labels: [] });
    seen.get(key).labels.push(label);
  }
  for (const { reason, status, labels } of seen.values()) {
    const what =
      { not_available: "not available", failed: "failed", not_run: "not run" }[status] ?? "partial";
    lines.push(`  ${what} — ${labels.join(", ")}: ${shorten(reason)}`);
  }
  return lines.length > 0 ? `\n${lines.join("\n")}` : "";
}

export function renderPlanSpeed(results, runs) {
  const ok = results.filter((r) => !r.error);
  const speed = renderTable(
    `Plan speed: pg-flux migrate plan vs @pgkit/migra (median of ${runs} run(s); wall time, peak RSS of the process)`,
    ["corpus", "PG", "edits", "pg-flux plan", "RSS", "migra", "RSS", "plan÷migra", "RSS÷"],
    ok.map((r) => [
      r.name,
      String(r.major),
      r.edits,
      cell(r.plan, "totalMs", ms),
      cell(r.plan, "maxRssKb", mb),
      cell(r.migra, "totalMs", ms),
      cell(r.migra, "maxRssKb", mb),
      times(ratio(value(r.plan, "totalMs"), value(r.migra, "totalMs"))),
      times(ratio(value(r.plan, "maxRssKb"), value(r.migra, "maxRssKb"))),
    ]),
  );
  const phases = renderTable(
    "pg-flux plan phases (median; each phase timed as its own call, see bench/README.md)",
    ["corpus", ...PLAN_PHASES.map((p) => PHASE_LABELS[p]), "sum", "to sort", "to sort÷migra"],
    ok.map((r) => {
      const values = PLAN_PHASES.map((p) => value(r.phases, `${p}Ms`));
      const total = (list) => (list.every(Number.isFinite) ? list.reduce((a, b) => a + b, 0) : Number.NaN);
      // everything but verify: the work migra also does (inspect both sides, diff, order) plus parse and load
      const toSort = total(values.slice(0, PLAN_PHASES.indexOf("verify")));
      return [
        r.name,
        ...values.map((v) => (r.phases?.status === "measured" ? ms(v) : cell(r.phases, "", ms))),
        ms(total(values)),
        ms(toSort),
        times(ratio(toSort, value(r.migra, "totalMs"))),
      ];
    }),
  );
  const inspect = renderTable(
    "Inspector alone vs pg_dump --schema-only (same database; pg_dump 15 only against PG 15)",
    ["corpus", "PG", "objects", "queries", "inspector", "RSS", "pg_dump", "RSS", "time÷", "RSS÷"],
    ok.map((r) => [
      r.name,
      String(r.major),
      cell(r.inspector, "objects", String),
      cell(r.inspector, "queries", String),
      cell(r.inspector, "totalMs", ms),
      cell(r.inspector, "maxRssKb", mb),
      cell(r.pgDump, "wallMs", ms),
      cell(r.pgDump, "maxRssKb", mb),
      times(ratio(value(r.inspector, "totalMs"), value(r.pgDump, "wallMs"))),
      times(ratio(value(r.inspector, "maxRssKb"), value(r.pgDump, "maxRssKb"))),
    ]),
  );
  const refused = ok
    .filter((r) => r.allEditsRefused)
    .map((r) => `  edits = core for ${r.name}: the planner refused part 2 (${shorten(r.allEditsRefused)})`);
  const failures = results.filter((r) => r.error).map((r) => `  ${r.name}: could not be loaded: ${r.error}`);
  const footnotes =
    notes(
      ok.flatMap((r) => [
        [`${r.name} plan`, r.plan],
        [`${r.name} migra`, r.migra],
      ]),
    ) +
    notes(ok.map((r) => [r.name, r.phases])) +
    notes(ok.filter((r) => r.major === 15).map((r) => [r.name, r.pgDump]));
  return (
    [speed, phases, inspect].join("\n\n") +
    footnotes +
    [...refused, ...failures].map((line) => `\n${line}`).join("")
  );
}

/** `×5.3 for ×5 tables`: how a figure grew from the previous size. */
function growth(previous, current, sizeFactor) {
  const factor = ratio(current, previous);
  return Number.isFinite(factor) ? `×${factor.toFixed(1)} / ×${sizeFactor}` : "";
}

export function renderScaling(results) {
  const rows = results.map((r, i) => {
    const previous = results[i - 1];
    const sizeFactor = previous ? Math.round(r.tables / previous.tables) : 0;
    return [
      r.tables.toLocaleString("en-US"),
      cell(r.inspector, "objects", String),
      ms(r.loadMs),
      cell(r.plan, "totalMs", ms),
      cell(r.plan, "maxRssKb", mb),
      previous ? growth(value(previous.plan, "totalMs"), value(r.plan, "totalMs"), sizeFactor) : "",
      cell(r.inspector, "totalMs", ms),
      cell(r.inspector, "maxRssKb", mb),
      previous ? growth(value(previous.inspector, "totalMs"), value(r.inspector, "totalMs"), sizeFactor) : "",
      previous
        ? growth(value(previous.inspector, "maxRssKb"), value(r.inspector, "maxRssKb"), sizeFactor)
        : "",
    ];
  });
  const table = renderTable(
    "Scaling on synthetic schemas (PG 18; median; growth = time factor / size factor vs the previous size)",
    [
      "tables",
      "objects",
      "psql load",
      "pg-flux plan",
      "RSS",
      "plan growth",
      "inspector",
      "RSS",
      "insp growth",
      "RSS growth",
    ],
    rows,
  );
  const phases = renderTable(
    "pg-flux plan phases at each size (one run)",
    ["tables", ...PLAN_PHASES.map((p) => PHASE_LABELS[p])],
    results.map((r) => [
      r.tables.toLocaleString("en-US"),
      ...PLAN_PHASES.map((p) =>
        r.phases?.status === "measured" ? ms(r.phases[`${p}Ms`]) : cell(r.phases, "", ms),
      ),
    ]),
  );
  const profiles = results
    .filter((r) => r.profile)
    .map((r) =>
      renderTable(
        `Hot spots, ${r.tables.toLocaleString("en-US")} tables (${r.profile.probe}; self time of ${ms(r.profile.totalMs)} sampled)`,
        ["function", "where", "self", "share"],
        r.profile.functions.map((f) => [f.name, f.where, ms(f.selfMs), `${(f.share * 100).toFixed(1)}%`]),
      ),
    );
  const queries = results
    .filter((r) => r.inspector?.samples?.[0]?.slowestQueries)
    .map((r) =>
      renderTable(
        `Slowest inspector queries, ${r.tables.toLocaleString("en-US")} tables (server time incl. transfer)`,
        ["query", "time"],
        r.inspector.samples[0].slowestQueries.map((q) => [q.sql, ms(q.ms)]),
      ),
    );
  const footnotes =
    notes(results.map((r) => [`${r.tables} plan`, r.plan])) +
    notes(results.map((r) => [`${r.tables} phases`, r.phases]));
  return [table, phases, ...queries, ...profiles].join("\n\n") + footnotes;
}

export function renderLocks(section) {
  const rows = section.results.map((r) => [
    r.recipe,
    r.variant,
    ms(r.migrationMs),
    ms(r.longestStallMs),
    ms(r.p99Ms),
    ms(r.baselineP99Ms),
    String(Math.round(r.transactions)),
    r.source,
  ]);
  const table = renderTable(
    `Lock impact: writer stalls while migrating a ${section.rows.toLocaleString("en-US")}-row table (PG ${section.major}; median of ${section.results[0]?.runs ?? 0} run(s))`,
    [
      "recipe",
      "variant",
      "migration",
      "longest stall",
      "p99",
      "p99 before",
      "txns during",
      "pg-flux statements from",
    ],
    rows,
  );
  const statements = section.results
    .filter((r) => r.variant === "pg-flux")
    .map((r) => `  ${r.recipe}: ${r.statements.map((sql) => sql.replace(/\s+/g, " ")).join(" → ")}`);
  return `${table}\npg-flux statements per recipe:\n${statements.join("\n")}`;
}
