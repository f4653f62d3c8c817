/**
 * The layering of pg-flux, checked by dependency-cruiser in `npm test` (`npm run check:layers`):
 *
 *   core ← parser, inspector ← engine, ledger ← cli ← pg-flux   (testkit: test harness over engine)
 *
 * - no circular imports;
 * - a package imports another only by name through an entry point it exports (`@pg-flux/x`), never
 *   a deep or relative path;
 * - imports run down the layers only (no back edges; parser and inspector do not import each other);
 * - core is pure: no I/O module (node:fs, node:net, pg, child_process…), no package above it;
 * - inside core, `step/` (what a step is made of) sits below `objects/` (the kinds) and `plan/` (the
 *   planner), and `objects/` never imports `plan/`;
 * - the engine (scratch servers, verify, apply) and the ledger (push, versioned files, tenants,
 *   reload) are siblings: the ledger imports core and the inspector only, and neither imports the other;
 * - the CLI imports the engine, ledger and inspector for types only, and loads them in cli/src/engine.ts.
 *
 * Any violation fails the check (there is no baseline of known violations: fix it, or change the
 * rule here with the reason).
 */

/** Source files of a package, tests excluded (tests sit beside the code or under test/). */
const source = (pkg) => ({ path: `^packages/${pkg}/src/`, pathNot: "\\.test\\.ts$" });

/** The packages each package may import (its own layer excluded), from the bottom up. */
const below = {
  core: [],
  parser: ["core"],
  inspector: ["core"],
  engine: ["core", "parser", "inspector"],
  ledger: ["core", "inspector"],
  testkit: ["core", "parser", "inspector", "engine"],
  cli: ["core", "parser", "inspector", "engine", "ledger"],
  "pg-flux": ["core", "parser", "inspector", "engine", "ledger", "cli"],
};

const directionRules = Object.entries(below).map(([pkg, allowed]) => ({
  name: `layer-${pkg}`,
  comment: `${pkg} imports only ${allowed.length ? allowed.join(", ") : "no other package"} (no back edges)`,
  severity: "error",
  from: source(pkg),
  to: { path: "^packages/([^/]+)/", pathNot: [`^packages/(${[pkg, ...allowed].join("|")})/`] },
}));

/** Node modules that do I/O or touch the process; core must stay pure. */
const IO_MODULES = [
  "fs",
  "fs/promises",
  "net",
  "tls",
  "dgram",
  "dns",
  "http",
  "https",
  "http2",
  "child_process",
  "cluster",
  "worker_threads",
  "os",
  "process",
  "readline",
  "repl",
  "tty",
  "inspector",
  "v8",
  "vm",
  "module",
];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other (directly or through others) cannot be read in one direction.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "package-entry-points-only",
      comment:
        "Another package is imported by its name through an entry point its package.json exports " +
        "(@pg-flux/x, @pg-flux/testkit/external), never by a relative path into it; a deep name " +
        "(@pg-flux/core/src/…) does not resolve through `exports` and fails not-to-unresolvable.",
      severity: "error",
      from: { path: "^packages/([^/]+)/" },
      to: { path: "^packages/", pathNot: "^packages/$1/", dependencyTypes: ["local"] },
    },
    ...directionRules,
    {
      name: "core-no-io",
      comment: "core is pure: no file system, network, processes or database driver.",
      severity: "error",
      from: source("core"),
      to: {
        path: [
          `^(node:)?(${IO_MODULES.join("|").replaceAll("/", "\\/")})$`,
          "^pg$",
          "^pg/",
          "node_modules/pg/",
        ],
      },
    },
    {
      name: "core-objects-not-plan",
      comment:
        "Inside core, objects/ (the kinds) sits below plan/ (the planner) and never imports it " +
        "(a kind's unit test may run the planner: tests sit above every layer).",
      severity: "error",
      from: { path: "^packages/core/src/objects/", pathNot: "\\.test\\.ts$" },
      to: { path: "^packages/core/src/plan/" },
    },
    {
      name: "core-step-below-objects-and-plan",
      comment:
        "Inside core, step/ (Hazard, LockLevel, TransactionMode, priorities, step drafts) is what both " +
        "objects/ and plan/ build on; it imports neither (nor the differ beyond a change's declared ids).",
      severity: "error",
      from: { path: "^packages/core/src/step/" },
      to: {
        path: "^packages/core/src/(objects|plan|report|codegen)/|^packages/core/src/diff/(?!change-base\\.ts$)",
      },
    },
    {
      name: "cli-loads-engine-lazily",
      comment:
        "The CLI loads the engine, the ledger and the inspector (with libpg-query and pg) only when a " +
        "command runs, " +
        "through cli/src/engine.ts; elsewhere in the CLI they are imported for types only, so that " +
        "--help, --version and completion answer without them (packages/cli/test/conventions.test.ts).",
      severity: "error",
      from: { path: "^packages/cli/src/", pathNot: ["\\.test\\.ts$", "^packages/cli/src/engine\\.ts$"] },
      to: { path: "^packages/(engine|ledger|inspector|parser)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^packages/[^/]+/dist/" },

    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["source", "import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
