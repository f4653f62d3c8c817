/** The printed tables of each section (bench/README.md copies them from a real run). */
import { mb, ms, NOT_AVAILABLE, renderTable, times } from "../lib/format.mjs";
import { ratio } from "../lib/stats.mjs";
import { PLAN_PHASES, PLAN_SPLIT } from "../sections/plan-speed.mjs";
import { SIDE_TOOLS } from "../sections/side-by-side.mjs";

const PHASE_LABELS = {
  inspect: "inspect cur",
  parse: "parse",
  load: "scratch load",
  inspectDesired: "inspect des",
  plan: "plan",
  verify: "verify",
  diff: "·diff",
  sort: "·sort",
  fingerprint: "·fingerprint",
};

/** A tool's cell: its median, or why there is none. */
function cell(summary, field, format) {
  switch (summary?.status) {
    case "measured":
      return format(summary[field]);
    case "failed":
      return "failed";
    case "timed_out":
      return `> ${ms(summary.limitMs)}`;
    case "not_run":
      return "not run";
    default:
      return NOT_AVAILABLE;
  }
}

function value(summary, field) {
  return summary?.status === "measured" ? summary[field] : Number.NaN;
}

/** A phase cell: the median when measured; for a failed plan, the phases it finished, then where it stopped. */
function phaseCell(summary, phase) {
  if (summary?.status === "measured") {
    const v = summary[`${phase}Ms`];
    return Number.isFinite(v) ? ms(v) : "–";
  }
  if (summary?.status === "failed" || summary?.status === "timed_out") {
    const v = summary.partial?.[`${phase}Ms`];
    if (Number.isFinite(v)) return ms(v);
    const done = PLAN_PHASES.filter((p) => Number.isFinite(summary.partial?.[`${p}Ms`]));
    const next = PLAN_PHASES[done.length];
    return phase === next ? (summary.status === "failed" ? "FAILED" : "stopped") : "";
  }
  return cell(summary, "", ms);
}

/** The work migra also does — inspect both sides, diff and order — with pg-flux's phases. */
function sameWork(summary) {
  return ["inspect", "inspectDesired", "plan"].reduce((sum, p) => sum + value(summary, `${p}Ms`), 0);
}

/**
 * What `migrate plan --no-verify` costs: total − verify over the same runs; where the verified plan
 * failed, the median of separate `verify: false` runs.
 */
function withoutVerify(r) {
  if (r.plan?.status !== "measured") return value(r.noVerify, "totalMs");
  return value(r.plan, "totalMs") - (value(r.plan, "verifyMs") || 0);
}

/** Long refusals list every object: keep the first ones. */
function shorten(text, max = 300) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Footnotes: every tool that could not be measured, and why (once per distinct reason). */
function notes(entries) {
  const lines = [];
  const seen = new Map();
  for (const [label, summary] of entries) {
    if (!summary || summary.status === "measured") continue;
    const key = `${summary.status}|${summary.reason}`;
    if (!seen.has(key)) seen.set(key, { reason: summary.reason, status: summary.status, labels: [] });
    seen.get(key).labels.push(label);
  }
  for (const { reason, status, labels } of seen.values()) {
    const what =
      { not_available: "not available", failed: "FAILED", not_run: "not run", timed_out: "stopped" }[
        status
      ] ?? status;
    lines.push(`  ${what} — ${labels.join(", ")}: ${shorten(String(reason))}`);
  }
  return lines.length > 0 ? `\n${lines.join("\n")}` : "";
}

export function renderPlanSpeed(section) {
  const { runs, note, results } = section;
  const ok = results.filter((r) => !r.error);
  const speed = renderTable(
    `Plan speed: pg-flux migrate plan vs @pgkit/migra (median of ${runs} run(s); wall time, peak RSS of the process)`,
    [
      "corpus",
      "PG",
      "pg-flux plan",
      "RSS",
      "no verify",
      "migra",
      "RSS",
      "plan÷migra",
      "no verify÷migra",
      "RSS÷",
    ],
    ok.map((r) => [
      r.name,
      String(r.major),
      cell(r.plan, "totalMs", ms),
      cell(r.plan, "maxRssKb", mb),
      r.plan?.status === "measured" || r.noVerify?.status !== "measured"
        ? cell(r.plan, "", () => ms(withoutVerify(r)))
        : `${ms(withoutVerify(r))}*`,
      cell(r.migra, "totalMs", ms),
      cell(r.migra, "maxRssKb", mb),
      times(ratio(value(r.plan, "totalMs"), value(r.migra, "totalMs"))),
      times(ratio(withoutVerify(r), value(r.migra, "totalMs"))),
      times(ratio(value(r.plan, "maxRssKb"), value(r.migra, "maxRssKb"))),
    ]),
  );
  const phases = renderTable(
    "pg-flux plan phases (medians of the same runs, from planMigration's onPhase; ·diff/·sort/·fingerprint split the plan phase, re-timed on the same states; same work = inspect cur + inspect des + plan)",
    [
      "corpus",
      ...PLAN_PHASES.map((p) => PHASE_LABELS[p]),
      ...PLAN_SPLIT.map((p) => PHASE_LABELS[p]),
      "other",
      "steps",
      "same work÷migra",
    ],
    ok.map((r) => [
      r.name,
      ...PLAN_PHASES.map((p) => phaseCell(r.plan, p)),
      ...PLAN_SPLIT.map((p) => (r.plan?.status === "measured" ? ms(r.plan[`${p}Ms`]) : "")),
      cell(r.plan, "otherMs", ms),
      cell(r.plan, "steps", String),
      times(ratio(sameWork(r.plan), value(r.migra, "totalMs"))),
    ]),
  );
  const inspect = renderTable(
    "Inspector alone vs pg_dump --schema-only (same database; where the pg_dump on PATH has the server's major)",
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
  const blanked = ok
    .filter((r) => r.blanked > 0)
    .map(
      (r) =>
        `  ${r.name}: ${r.blanked} statement(s) blanked in pg-flux's desired files (${r.blankedReasons.join("; ")})`,
    );
  const failures = results.filter((r) => r.error).map((r) => `  ${r.name}: could not be set up: ${r.error}`);
  const footnotes =
    notes(
      ok.flatMap((r) => [
        [`${r.name} plan`, r.plan],
        [`${r.name} migra`, r.migra],
        [`${r.name} inspector`, r.inspector],
      ]),
    ) + notes(ok.filter((r) => r.major === 15).map((r) => [`${r.name} pg_dump`, r.pgDump]));
  const starred = ok.some((r) => r.plan?.status !== "measured" && r.noVerify?.status === "measured")
    ? ["  * no verify: the verified plan failed; median of separate `verify: false` runs (--no-verify)"]
    : [];
  const lines = [...(note ? [`  ${note}`] : []), ...starred, ...blanked, ...failures];
  return [speed, phases, inspect].join("\n\n") + footnotes + lines.map((line) => `\n${line}`).join("");
}

/** `×5.3 / ×5`: how a figure grew from the previous size, against how the size grew. */
function growth(previous, current, sizeFactor) {
  const factor = ratio(current, previous);
  return Number.isFinite(factor) ? `×${factor.toFixed(1)} / ×${sizeFactor}` : "";
}

export function renderScaling(results) {
  const rows = results.map((r, i) => {
    const previous = results[i - 1];
    const sizeFactor = previous ? Math.round(r.tables / previous.tables) : 0;
    const grown = (summary, field) =>
      previous ? growth(value(previous[summary], field), value(r[summary], field), sizeFactor) : "";
    return [
      r.tables.toLocaleString("en-US"),
      cell(r.inspector, "objects", String),
      ms(r.loadMs),
      cell(r.plan, "totalMs", ms),
      cell(r.plan, "maxRssKb", mb),
      grown("plan", "totalMs"),
      cell(r.inspector, "totalMs", ms),
      cell(r.inspector, "maxRssKb", mb),
      grown("inspector", "totalMs"),
      grown("inspector", "maxRssKb"),
    ];
  });
  const table = renderTable(
    "Scaling on synthetic schemas (PG 18; one run per size; growth = time factor / size factor vs the previous size)",
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
    "pg-flux plan phases at each size",
    [
      "tables",
      ...PLAN_PHASES.map((p) => PHASE_LABELS[p]),
      ...PLAN_SPLIT.map((p) => PHASE_LABELS[p]),
      "other",
      "steps",
    ],
    results.map((r) => [
      r.tables.toLocaleString("en-US"),
      ...PLAN_PHASES.map((p) => phaseCell(r.plan, p)),
      ...PLAN_SPLIT.map((p) => (r.plan?.status === "measured" ? ms(r.plan[`${p}Ms`]) : "")),
      cell(r.plan, "otherMs", ms),
      cell(r.plan, "steps", String),
    ]),
  );
  const side = renderTable(
    "Side by side at each size (issue 18): wall / CPU (process tree + the bench server's share), one run; a peer's time includes the psql -1 load of the desired files (measured once per size); RSS = peak of the node process",
    [
      "tables",
      "load avg",
      "desired load",
      "pg-flux",
      "migra+load",
      "pg-delta+load",
      "pg-flux÷migra+load",
      "pg-flux÷pg-delta+load",
      "pg-flux RSS",
      "migra RSS",
      "pg-delta RSS",
      "RSS÷migra",
      "RSS÷pg-delta",
    ],
    results.map((r) => {
      const migra = plusLoad(r.migra, r.desiredLoad);
      const pgDelta = plusLoad(r.pgDelta, r.desiredLoad);
      return [
        r.tables.toLocaleString("en-US"),
        r.loadAverage ? `${r.loadAverage.start.toFixed(1)}–${r.loadAverage.end.toFixed(1)}` : NOT_AVAILABLE,
        wallCpu(r.desiredLoad),
        wallCpu(r.plan),
        wallCpu(migra),
        wallCpu(pgDelta),
        ratios(r.plan, migra),
        ratios(r.plan, pgDelta),
        cell(r.plan, "maxRssKb", mb),
        cell(r.migra, "maxRssKb", mb),
        cell(r.pgDelta, "maxRssKb", mb),
        times(ratio(value(r.plan, "maxRssKb"), value(r.migra, "maxRssKb"))),
        times(ratio(value(r.plan, "maxRssKb"), value(r.pgDelta, "maxRssKb"))),
      ];
    }),
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
  const profiles = results
    .filter((r) => r.profile)
    .map((r) =>
      renderTable(
        `Hot spots, ${r.tables.toLocaleString("en-US")} tables (${r.profile.probe}; self time of ${ms(r.profile.totalMs)} sampled)`,
        ["function", "where", "self", "share"],
        r.profile.functions.map((f) => [f.name, f.where, ms(f.selfMs), `${(f.share * 100).toFixed(1)}%`]),
      ),
    );
  const footnotes =
    notes(results.map((r) => [`${r.tables} plan`, r.plan])) +
    notes(results.map((r) => [`${r.tables} desired load`, r.desiredLoad])) +
    notes(results.map((r) => [`${r.tables} migra`, r.migra])) +
    notes(results.map((r) => [`${r.tables} pg-delta`, r.pgDelta])) +
    notes(results.map((r) => [`${r.tables} inspector`, r.inspector]));
  return [table, side, phases, ...queries, ...profiles].join("\n\n") + footnotes;
}

export function renderLocks(section) {
  const rows = section.results.map((r) => [
    r.recipe,
    r.variant,
    r.status === "measured" ? ms(r.migrationMs) : "FAILED",
    r.status === "measured" ? ms(r.longestStallMs) : "",
    r.status === "measured" ? ms(r.p99Ms) : "",
    r.status === "measured" ? ms(r.baselineP99Ms) : "",
    r.status === "measured" ? String(Math.round(r.transactions)) : "",
  ]);
  const table = renderTable(
    `Lock impact: writer stalls while migrating a ${section.rows.toLocaleString("en-US")}-row table (PG ${section.major}; median of ${section.runs} run(s))`,
    ["recipe", "variant", "migration", "longest stall", "p99", "p99 before", "txns during"],
    rows,
  );
  const statements = section.results
    .filter((r) => r.variant === "pg-flux" && r.statements.length > 0)
    .map((r) => `  ${r.recipe}: ${r.statements.map((sql) => sql.replace(/\s+/g, " ")).join(" → ")}`);
  const failures = section.results
    .filter((r) => r.status === "failed")
    .map((r) => `  FAILED — ${r.recipe} / ${r.variant}: ${shorten(r.reason)}`);
  return [
    table,
    "pg-flux statements per recipe (planMigration's plan, run by runPlan):",
    ...statements,
    ...failures,
  ].join("\n");
}

const SIDE_LABELS = {
  default: "pg-flux",
  noVerify: "no verify",
  cached: "cached",
  migra: "migra+load",
  pgDelta: "pg-delta+load",
  floor: "floor",
  pgDump: "pg_dump -s",
};

/** `wall / CPU` of a tool, or why there is none. */
function wallCpu(summary) {
  if (summary?.status !== "measured") return cell(summary, "wallMs", ms);
  return `${ms(summary.wallMs)} / ${ms(summary.cpuMs)}`;
}

/** A peer's run plus the load of the desired files it diffs against (wall and CPU added); else why there is none. */
function plusLoad(summary, load) {
  if (summary?.status !== "measured") return summary;
  if (load?.status !== "measured") return load;
  return { ...summary, wallMs: summary.wallMs + load.wallMs, cpuMs: summary.cpuMs + load.cpuMs };
}

/** `wall× / CPU×` of a ÷ b. */
function ratios(a, b) {
  return `${times(ratio(value(a, "wallMs"), value(b, "wallMs")))} / ${times(ratio(value(a, "cpuMs"), value(b, "cpuMs")))}`;
}

/** Section "side" (issue 18): medians per tool and the targets' ratios, one pair of tables per scenario. */
export function renderSideBySide(section) {
  const { runs, load, results } = section;
  const ok = results.filter((r) => !r.error);
  const out = [];
  const failedSchemas = results
    .filter((r) => r.error)
    .map((r) => `  FAILED — ${r.name}: ${shorten(r.error)}`);
  const scenarios = [
    ["change", "a small change (target: the corpus; desired: corpus + the edit script)"],
    ["empty", "from empty (target: an empty database; desired: corpus + the edit script)"],
  ];
  const head = `median of ${runs} run(s), interleaved; load average ${load.start} at the start, ${load.end} at the end`;
  for (const [scenario, title] of scenarios) {
    const tools = SIDE_TOOLS[scenario];
    out.push(
      renderTable(
        `Side by side, ${title}: wall / CPU (process tree + the bench server's share), ${head}`,
        ["corpus", "PG", ...tools.map((tool) => SIDE_LABELS[tool]), "pg-flux RSS", "steps"],
        ok.map((r) => [
          r.name,
          String(r.major),
          ...tools.map((tool) => wallCpu(r[scenario][tool])),
          cell(r[scenario].default, "maxRssKb", mb),
          cell(r[scenario].default, "steps", String),
        ]),
      ),
    );
    const pairs = [
      ["default", "migra"],
      ["default", "pgDelta"],
      ["default", "floor"],
      ...(scenario === "change"
        ? [
            ["noVerify", "migra"],
            ["noVerify", "pgDelta"],
            ["cached", "migra"],
          ]
        : []),
    ];
    out.push(
      renderTable(
        `Ratios, ${scenario === "change" ? "a small change" : "from empty"}: wall× / CPU× (issue 18 target for pg-flux ÷ migra+load and ÷ pg-delta+load: ≤ 0.50×)`,
        [
          "corpus",
          ...pairs.map(([a, b]) => `${SIDE_LABELS[a]}÷${SIDE_LABELS[b]}`),
          "RSS÷migra",
          "RSS÷pg-delta",
        ],
        ok.map((r) => {
          const s = r[scenario];
          return [
            r.name,
            ...pairs.map(([a, b]) => ratios(s[a], s[b])),
            times(ratio(value(s.default, "maxRssKb"), value(s.migra, "maxRssKb"))),
            times(ratio(value(s.default, "maxRssKb"), value(s.pgDelta, "maxRssKb"))),
          ];
        }),
      ),
    );
  }
  out.push(
    renderTable(
      "No change, cached (target: the desired database; issue 18 target: cached ≤ 0.20× migra+load of a small change and ≤ 1.0× one pg_dump -s): wall / CPU",
      ["corpus", "cached", "steps", "pg_dump -s", "cached÷pg_dump", "cached÷migra+load"],
      ok.map((r) => [
        r.name,
        wallCpu(r.noChange.cached),
        cell(r.noChange.cached, "steps", String),
        wallCpu(r.noChange.pgDump),
        ratios(r.noChange.cached, r.noChange.pgDump),
        ratios(r.noChange.cached, r.change.migra),
      ]),
    ),
  );
  const missing = ok.flatMap((r) =>
    Object.entries(SIDE_TOOLS).flatMap(([scenario, tools]) =>
      tools.map((tool) => [`${r.name} ${scenario} ${SIDE_LABELS[tool]}`, r[scenario][tool]]),
    ),
  );
  return `${out.join("\n\n")}${notes(missing)}${failedSchemas.length > 0 ? `\n${failedSchemas.join("\n")}` : ""}`;
}
