import { InvalidInputError } from "@pg-flux/core/basics";
import type { FleetTarget, TenantSelector } from "@pg-flux/engine";
import type { Argv } from "yargs";
import type { CommandContext, CommandModule } from "../command.js";
import { engine, renderers } from "../engine.js";
import { EXIT } from "../exit-codes.js";
import { INTERRUPT_EXIT, withInterrupts } from "../interrupt.js";
import { redactSecrets } from "../output.js";
import { confirm, type PromptingIo } from "../prompt.js";
import { loadFleetDefaults } from "./config.js";
import {
  FLEET_FORMATS,
  type FleetFormat,
  fleetPlanJson,
  fleetProgressReporter,
  renderFleetList,
  renderFleetPlan,
  renderFleetResult,
} from "./fleet-output.js";
import { type OptionCommand, withOptions } from "./option-table.js";
import {
  allowedHazardsOf,
  type CommonArgs,
  cacheOf,
  planOptionsOf,
  readDefaults,
  readLockTimeoutOf,
  runLimitsOf,
  shadowUrlOf,
  sourcesOf,
} from "./options.js";

export const FLEET_EXIT_HELP = [
  "Exit codes:",
  "  0  every target applied or had nothing to do (plan, list: done)",
  "  1  a target failed or was not run (canary, --max-failures), or a connection failed;",
  "     the others stay applied: run fleet apply again to finish",
  "  2  invalid input: flags, targets file, a pattern or list matching no schema, unparseable SQL",
  "  3  refused: a group's plan has blocking hazards not allowed (nothing applied anywhere)",
  "  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM: running targets were cancelled on the",
  "     server and their locks released; the summary lists every target",
].join("\n");

const TARGETS_HELP =
  "Targets: --database-url URL (or $DATABASE_URL) --schemas 't_%_api' (a LIKE pattern when it holds %, else a comma list), or --targets targets.json for several databases, or the fleet section of flux.json when none of these is given (docs/fleet.md). The desired schema is one tenant's: unqualified names, or __tenant__.name for the tenant schema.";

/** Fleet's own --schemas (a pattern or a list) and --format replace the table's. */
interface FleetArgs extends Omit<CommonArgs, "schemas" | "format"> {
  readonly schemas?: string | undefined;
  readonly format?: string | undefined;
  readonly targets?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly canary?: number | undefined;
  readonly "max-failures"?: number | undefined;
  readonly yes?: boolean | undefined;
}

function targetOptions<T>(yargs: Argv<T>, command: OptionCommand) {
  return withOptions(yargs, command)
    .option("database-url", {
      type: "string",
      describe: "the database of the tenant schemas (default: $DATABASE_URL)",
    })
    .option("schemas", {
      type: "string",
      describe:
        "tenant schemas: a LIKE pattern (t_%_api) or a comma list (default: flux.json fleet.schemas, else public)",
    })
    .option("targets", {
      type: "string",
      describe: "a targets file listing several databases (instead of --database-url)",
    })
    .option("config", {
      type: "string",
      describe: "flux.json to read defaults and the fleet (its fleet section) from (default: ./flux.json)",
    })
    .option("format", {
      choices: FLEET_FORMATS,
      describe: "output: text (default), json, markdown (PR or incident channel)",
    })
    .option("inspect-concurrency", {
      type: "number",
      describe: "databases read at once while planning (default 4; the tenants of a database are one read)",
    });
}

function planningOptions<T>(yargs: Argv<T>, command: OptionCommand) {
  return targetOptions(yargs, command).option("shadow-url", {
    type: "string",
    describe: "server for the scratch work instead of an embedded PostgreSQL of the first target's major",
  });
}

/** `pg-flux fleet list | plan | apply`: one desired schema to many tenant schemas or databases. */
export const fleetCommand: CommandModule = (parser, context) =>
  parser.command(
    "fleet <command>",
    "One desired schema to every tenant: list, plan once per distinct state, apply in waves",
    (yargs) =>
      yargs
        .command(
          "list",
          "List the targets, grouped by identical schema (fingerprint)",
          (y) =>
            targetOptions(y, "fleet list")
              .example("$0 fleet list --schemas 't_%_api'", "tenants of $DATABASE_URL and which ones drifted")
              .epilogue(`${TARGETS_HELP}\n\n${FLEET_EXIT_HELP}`),
          (argv) => fleetList(argv as FleetArgs, context),
        )
        .command(
          "plan",
          "Plan once per group of identical tenants; show groups, steps and hazards",
          (y) =>
            planningOptions(y, "fleet plan")
              .example("$0 fleet plan --source tenant.sql --schemas 't_%_api'", "groups, steps, hazards")
              .example(
                "$0 fleet plan --source tenant.sql --targets targets.json --format markdown",
                "for a PR",
              )
              .epilogue(`${TARGETS_HELP}\n\n${FLEET_EXIT_HELP}`),
          (argv) => fleetPlan(argv as FleetArgs, context),
        )
        .command(
          "apply",
          "Plan, then apply to every target: a canary wave, then the rest in parallel",
          (y) =>
            planningOptions(y, "fleet apply")
              .option("concurrency", { type: "number", describe: "targets applied at once (default 2)" })
              .option("canary", {
                type: "number",
                describe:
                  "targets applied first, alone; the fleet stops unless they all apply (default 1; 0: none)",
              })
              .option("max-failures", {
                type: "number",
                describe: "no new target starts once this many failed (default 1)",
              })
              .option("yes", {
                type: "boolean",
                alias: "y",
                describe: "do not ask for confirmation on a TTY",
              })
              .example(
                "$0 fleet apply --source tenant.sql --schemas 't_%_api' --yes",
                "canary, then 2 at a time",
              )
              .example(
                "$0 fleet apply --source tenant.sql --targets targets.json --concurrency 8 --canary 3 --max-failures 5",
                "several databases, wider waves",
              )
              .epilogue(
                `${TARGETS_HELP}\n\nEvery outcome is recorded in flux.fleet_outcomes of each database (run id, target,\ndesired fingerprint, status, error). A re-run skips targets already at the desired\nschema and retries the failed ones. Ctrl-C stops new targets, cancels the running\nones on the server (their open group rolled back) and prints the summary.\n\n${FLEET_EXIT_HELP}`,
              ),
          (argv) => fleetApply(argv as FleetArgs, context),
        )
        .demandCommand(1, "name a fleet command: list, plan or apply"),
  );

/**
 * The fleet: `--targets` (a file of databases), else `--database-url`/`--schemas`, else the `fleet`
 * section of flux.json (`databases`, or `schemas`/`query` of $DATABASE_URL), else `public` of
 * $DATABASE_URL. Flags win over flux.json.
 */
async function fleetTargets(argv: FleetArgs, context: CommandContext): Promise<readonly FleetTarget[]> {
  const { io } = context;
  const lib = engine();
  if (argv.targets !== undefined) {
    if (argv["database-url"] !== undefined || argv.schemas !== undefined) {
      throw new InvalidInputError([
        {
          message: "--targets lists the databases and their schemas: drop --database-url and --schemas",
        },
      ]);
    }
    return lib.resolveFleetTargets(await lib.readTargetsFile(argv.targets, io.env, io.cwd));
  }
  const flags = argv["database-url"] !== undefined || argv.schemas !== undefined;
  const config = flags ? undefined : await loadFleetDefaults(io.cwd, argv.config);
  if (config?.databases !== undefined) {
    return lib.resolveFleetTargets(
      lib.parseFleetDatabases(config.databases, `${config.file}: fleet`, io.env),
    );
  }
  const url = argv["database-url"] ?? io.env.DATABASE_URL;
  if (!url) {
    throw new InvalidInputError([
      {
        message:
          "no fleet: pass --database-url (or set DATABASE_URL) with --schemas, or --targets targets.json",
        hint: 'or name it in flux.json: { "fleet": { "schemas": "t_%_api" } } (docs/fleet.md)',
      },
    ]);
  }
  const tenants: TenantSelector =
    argv.schemas === undefined && config?.query !== undefined
      ? { kind: "query", sql: config.query }
      : lib.parseTenantSelector(argv.schemas ?? config?.schemas ?? "public");
  return lib.resolveFleetTargets([lib.singleDatabase(url, tenants)]);
}

function inspectConcurrency(argv: FleetArgs): { readonly inspectConcurrency?: number } {
  const value = (argv as { "inspect-concurrency"?: number })["inspect-concurrency"];
  return value === undefined ? {} : { inspectConcurrency: positive(value, "--inspect-concurrency") };
}

function positive(value: number, flag: string, min = 1): number {
  if (!Number.isInteger(value) || value < min)
    throw new InvalidInputError([{ message: `${flag}: expected a whole number ≥ ${min}, got ${value}` }]);
  return value;
}

async function fleetList(argv: FleetArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const targets = await fleetTargets(argv, context);
  const listed = await engine().listFleet({
    targets,
    readLockTimeout: readLockTimeoutOf(argv, defaults),
    ...inspectConcurrency(argv),
  });
  io.stdout(
    redactSecrets(
      renderFleetList(listed, argv.format === undefined ? "text" : (argv.format as FleetFormat), io.isTTY),
    ),
  );
  if (listed.some((item) => item.error !== null)) context.exitCode = EXIT.runtime;
}

async function planFromArgs(argv: FleetArgs, context: CommandContext) {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const targets = await fleetTargets(argv, context);
  const sources = sourcesOf(argv, defaults);
  const live = io.isTTY;
  const fleet = await engine().planFleet({
    targets,
    sources,
    shadowUrl: shadowUrlOf(argv, defaults, io),
    readLockTimeout: readLockTimeoutOf(argv, defaults),
    options: planOptionsOf(argv, defaults),
    cache: cacheOf(argv, io),
    cwd: io.cwd,
    ...inspectConcurrency(argv),
    ...(live
      ? {
          onInspected: (done: number, total: number) =>
            io.stderr(`\r\u001b[2Kfleet: read ${done}/${total} targets${done === total ? "\n" : ""}`),
        }
      : {}),
  });
  for (const warning of fleet.warnings) io.stderr(redactSecrets(`warning: ${warning}\n`));
  return { fleet, defaults };
}

function formatOf(argv: FleetArgs): FleetFormat {
  return (argv.format as FleetFormat | undefined) ?? "text";
}

async function fleetPlan(argv: FleetArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { fleet } = await planFromArgs(argv, context);
  const format = formatOf(argv);
  const text =
    format === "json"
      ? `${JSON.stringify(fleetPlanJson(fleet), null, 2)}\n`
      : renderFleetPlan(fleet, format, (plan) =>
          format === "markdown"
            ? renderers().renderMarkdown(plan)
            : renderers().renderHuman(plan, { color: false }),
        );
  io.stdout(redactSecrets(text));
  if (fleet.targets.some((planned) => planned.error !== null)) context.exitCode = EXIT.runtime;
}

async function fleetApply(argv: FleetArgs, context: CommandContext): Promise<void> {
  const io: PromptingIo = context.io;
  const { defaults } = await readDefaults(argv, io);
  const allowed = allowedHazardsOf(argv["allow-hazards"], defaults);
  const limits = runLimitsOf(argv, defaults);
  const concurrency = positive(argv.concurrency ?? 2, "--concurrency");
  const canary = positive(argv.canary ?? 1, "--canary", 0);
  const maxFailures = positive(argv["max-failures"] ?? 1, "--max-failures");
  const { fleet } = await planFromArgs(argv, context);
  const format = formatOf(argv);
  const pending = fleet.targets.filter((planned) => {
    const group = fleet.groups.find((g) => g.index === planned.group);
    return group !== undefined && group.plan.steps.length > 0;
  }).length;
  if (format === "text") {
    io.stdout(
      redactSecrets(
        renderFleetPlan(fleet, "text", (plan) => renderers().renderHuman(plan, { color: false })),
      ),
    );
  }
  if (pending > 0 && io.isTTY && !argv.yes) {
    const ok = await confirm(io, `Apply to ${pending} target${pending === 1 ? "" : "s"}?`);
    if (!ok) {
      io.stderr("Fleet apply cancelled; nothing was applied.\n");
      context.exitCode = EXIT.runtime;
      return;
    }
  }
  const progress = fleetProgressReporter(io, fleet.targets.length);
  const { result, received } = await withInterrupts(io, (signal) =>
    engine().applyFleet({
      fleet,
      concurrency,
      canary,
      maxFailures,
      allowHazards: allowed,
      limits,
      readLockTimeout: readLockTimeoutOf(argv, defaults),
      signal,
      onTargetStarted: (target) => progress.started(target),
      onTargetFinished: (outcome, state) => progress.finished(outcome, state),
    }),
  );
  progress.end();
  io.stdout(redactSecrets(renderFleetResult(result, format, io.isTTY)));
  context.exitCode = exitCodeOf(result.status, received);
}

function exitCodeOf(
  status: "applied" | "nothing_to_do" | "failed" | "refused" | "interrupted",
  received: "SIGINT" | "SIGTERM" | undefined,
): number {
  switch (status) {
    case "applied":
    case "nothing_to_do":
      return EXIT.ok;
    case "failed":
      return EXIT.runtime;
    case "refused":
      return EXIT.refused;
    case "interrupted":
      return INTERRUPT_EXIT[received ?? "SIGINT"];
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}
