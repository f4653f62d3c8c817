import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Plan } from "@pg-flux/core";
import { reportApply } from "../apply-output.js";
import type { CommandContext, CommandModule } from "../command.js";
import { engine, renderers } from "../engine.js";
import { EXIT, EXIT_CODES_HELP } from "../exit-codes.js";
import { refuseBlockingHazards } from "../hazard-gate.js";
import { withInterrupts } from "../interrupt.js";
import { writeNextMigration } from "../migration-file.js";
import { redactSecrets } from "../output.js";
import { renderPlan } from "../plan-output.js";
import { progressReporter } from "../progress.js";
import { confirm, type PromptingIo } from "../prompt.js";
import { readSavedPlan, savedPlan, serializePlan } from "../saved-plan.js";
import { withOptions } from "./option-table.js";
import {
  allowedHazardsOf,
  type CommonArgs,
  cacheOf,
  colorOf,
  databaseUrl,
  type Format,
  formatOf,
  manageRolesOf,
  planOptionsOf,
  readDefaults,
  readLockTimeoutOf,
  runLimitsOf,
  schemasOf,
  shadowUrlOf,
  sourcesOf,
} from "./options.js";

/** `pg-flux migrate plan | generate | apply`: the declarative workflow against a live database. */
export const migrateCommand: CommandModule = (parser, context) =>
  parser.command("migrate <command>", "Plan, generate and apply migrations from a desired schema", (yargs) =>
    yargs
      .command(
        "plan",
        "Show the migration from the database to the desired schema",
        (y) =>
          withOptions(y, "migrate plan")
            .option("check", {
              type: "boolean",
              describe: "exit 4 when changes are pending (drift check for CI)",
            })
            .option("out", {
              type: "string",
              describe: "also save the plan as JSON, for migrate apply --plan",
            })
            .example("$0 migrate plan --source schema/", "show the plan (human on a TTY, SQL otherwise)")
            .example("$0 migrate plan --source schema/ --format markdown", "a pull-request comment")
            .example("$0 migrate plan --source schema/ --check", "fail CI (exit 4) when the database drifted")
            .example(
              "$0 migrate plan --source schema/ --format markdown --fail-on-hazards",
              "a PR review that fails (exit 3) on what apply would refuse",
            )
            .example("$0 migrate plan --source schema/ --out plan.json", "save it for a reviewed apply later")
            .epilogue(EXIT_CODES_HELP),
        (argv) => migratePlan(argv, context),
      )
      .command(
        "generate",
        "Write the plan as the next numbered migration file",
        (y) =>
          withOptions(y, "migrate generate")
            .option("name", { type: "string", default: "migration", describe: "name part of the file name" })
            .example(
              "$0 migrate generate --source schema/ --name rename_email",
              "writes migrations/0002_rename_email.sql",
            )
            .example("$0 migrate generate --source schema/ --out -", "print the migration instead")
            .epilogue(EXIT_CODES_HELP),
        (argv) => migrateGenerate(argv, context),
      )
      .command(
        "apply",
        "Plan, check hazards, and apply the migration",
        (y) =>
          withOptions(y, "migrate apply")
            .option("plan", {
              type: "string",
              describe:
                "apply a saved plan: refused (exit 3) if the file was changed after it was saved (its digest) or the database changed since; its SQL's hazards are judged again against the database",
            })
            .option("dry-run", { type: "boolean", describe: "print what would run; change nothing" })
            .option("yes", { type: "boolean", alias: "y", describe: "do not ask for confirmation on a TTY" })
            .example("$0 migrate apply --source schema/", "plan and apply (asks first on a TTY)")
            .example("$0 migrate apply --source schema/ --allow-hazards=DATA_LOSS", "allow dropping data")
            .example("$0 migrate apply --plan plan.json --yes", "apply a reviewed plan, unattended")
            .example("$0 migrate apply --source schema/ --dry-run", "show the statements only")
            .epilogue(
              `${EXIT_CODES_HELP}\n\nA failed apply leaves committed groups in place and rolls back the open one.\nWhen rows caused it (a duplicate key, a NULL, a failing check or foreign key: the\nmessage names them), fix them first; then run it again: it re-plans from the\ndatabase and finishes the job.\n\n${INTERRUPT_HELP}`,
            ),
        (argv) => migrateApply(argv, context),
      )
      .demandCommand(1, "name a migrate command: plan, generate or apply"),
  );

interface PlanArgs extends CommonArgs {
  readonly check?: boolean | undefined;
  readonly out?: string | undefined;
}

async function planFromArgs(argv: CommonArgs, context: CommandContext) {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const schemas = schemasOf(argv, defaults);
  const planned = await engine().planMigration({
    databaseUrl: await databaseUrl(argv, io),
    sources: sourcesOf(argv, defaults),
    schemas,
    shadowUrl: shadowUrlOf(argv, defaults, io),
    readLockTimeout: readLockTimeoutOf(argv, defaults),
    options: planOptionsOf(argv, defaults),
    manageRoles: manageRolesOf(argv, defaults),
    cache: cacheOf(argv, io),
    cwd: io.cwd,
  });
  for (const warning of planned.warnings) io.stderr(redactSecrets(`warning: ${warning}\n`));
  return { plan: planned.plan, schemas, defaults };
}

async function migratePlan(argv: PlanArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  // read before planning, so a bad --allow-hazards is exit 2 at once
  const { defaults } = await readDefaults(argv, io);
  const allowed = argv["fail-on-hazards"] ? allowedHazardsOf(argv["allow-hazards"], defaults) : null;
  const { plan, schemas } = await planFromArgs(argv, context);
  if (argv.out) {
    const file = path.resolve(io.cwd, argv.out);
    writeFileSync(file, serializePlan(savedPlan(plan, schemas)));
    io.stderr(`Saved the plan to ${argv.out} (${plan.steps.length} steps).\n`);
  }
  io.stdout(redactSecrets(renderPlan(plan, formatOf(argv, io), { color: colorOf(argv, io), schemas })));
  if (allowed && refuseBlockingHazards(plan, allowed, context)) return;
  if (argv.check && plan.steps.length > 0) {
    io.stderr(`Changes pending: ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}.\n`);
    context.exitCode = EXIT.changesPending;
  }
}

interface GenerateArgs extends CommonArgs {
  readonly out?: string | undefined;
  readonly name: string;
}

async function migrateGenerate(argv: GenerateArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { plan, defaults } = await planFromArgs(argv, context);
  const body = renderers().renderSql(plan);
  if (argv.out === "-") {
    io.stdout(body);
    return;
  }
  if (plan.steps.length === 0) {
    io.stdout("No changes: the database already matches the desired schema; no migration written.\n");
    return;
  }
  const directory = argv.out
    ? path.resolve(io.cwd, argv.out)
    : (defaults.out ?? path.join(io.cwd, "migrations"));
  const file = writeNextMigration(directory, argv.name, body);
  io.stdout(
    `Wrote ${path.relative(io.cwd, file) || file} (${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}).\n`,
  );
}

interface ApplyArgs extends CommonArgs {
  readonly "allow-hazards"?: readonly string[] | undefined;
  readonly plan?: string | undefined;
  readonly "dry-run"?: boolean | undefined;
  readonly yes?: boolean | undefined;
}

async function migrateApply(argv: ApplyArgs, context: CommandContext): Promise<void> {
  const io: PromptingIo = context.io;
  const { defaults } = await readDefaults(argv, io);
  const allowed = allowedHazardsOf(argv["allow-hazards"], defaults);
  const limits = runLimitsOf(argv, defaults);
  let plan: Plan;
  let schemas: readonly string[] | null;
  let url: string;
  const readLockTimeout = readLockTimeoutOf(argv, defaults);
  const setNotNullHint = withSetNotNullHint(planOptionsOf(argv, defaults).setNotNullReltuplesHint);
  if (argv.plan) {
    const saved = readSavedPlan(io.cwd, argv.plan);
    schemas = argv.schemas === undefined ? saved.schemas : schemasOf(argv, defaults);
    url = await databaseUrl(argv, io);
    plan = saved.plan;
    // The file's hazard list is not trusted: its SQL is judged against the database. A dry run
    // judges it here (reading only); a real apply judges it under its lock, reading the schema
    // once, and shows it before asking (beforeRun below).
    if (argv["dry-run"]) {
      const judged = await engine().judgePlanHazards({
        databaseUrl: url,
        plan: saved.plan,
        schemas,
        readLockTimeout,
        ...setNotNullHint,
      });
      if (judged.stale) {
        context.exitCode = reportApply(judged.stale, context);
        return;
      }
      plan = judged.plan;
    }
  } else {
    const planned = await planFromArgs(argv, context);
    plan = planned.plan;
    schemas = planned.schemas;
    url = await databaseUrl(argv, io);
  }
  const show = (shown: Plan, format: Format) =>
    io.stdout(redactSecrets(renderPlan(shown, format, { color: colorOf(argv, io), schemas })));
  if (argv["dry-run"]) {
    show(plan, formatOf(argv, io));
    if (refuseBlockingHazards(plan, allowed, context)) return;
    io.stderr("Dry run: nothing was applied.\n");
    return;
  }
  // What is applied is shown in the human view (TTY or not) unless --format names another; with
  // --format json the outcome line goes to stderr, so stdout stays one JSON document.
  const shown = argv.format ?? "human";
  const declined = new AbortController();
  const { result, received } = await withInterrupts(io, (interrupted) => {
    const signal = AbortSignal.any([interrupted, declined.signal]);
    return engine().applyMigration({
      databaseUrl: url,
      plan,
      schemas,
      allowHazards: allowed,
      limits,
      readLockTimeout,
      ...setNotNullHint,
      onEvent: progressReporter(io),
      // the plan as judged against the database, under the apply lock: what is confirmed runs
      beforeRun: async (judged) => {
        show(judged, shown);
        if (!io.isTTY || argv.yes) return;
        const n = judged.steps.length;
        if (!(await confirm(io, `Apply ${n} step${n === 1 ? "" : "s"}?`, interrupted))) declined.abort();
      },
      signal,
    });
  });
  if (declined.signal.aborted && !received) {
    io.stderr("Apply cancelled; nothing was applied.\n");
    context.exitCode = EXIT.runtime;
    return;
  }
  const outcome = shown === "json" ? { ...context, io: { ...io, stdout: io.stderr } } : context;
  context.exitCode = reportApply(result, outcome, received);
}

/** The SET NOT NULL row count apply judges a plan's SQL by: the flag or flux.json, as when planning. */
function withSetNotNullHint(hint: number | undefined): { readonly setNotNullReltuplesHint?: number } {
  return hint === undefined ? {} : { setNotNullReltuplesHint: hint };
}

export const INTERRUPT_HELP = [
  "Ctrl-C (SIGINT) or SIGTERM while it applies: the running statement is cancelled on the server and",
  "waited for, the open transaction group is rolled back, the apply lock released, the steps applied",
  "and not applied are listed; exit 130 (SIGINT) or 143 (SIGTERM). A second Ctrl-C exits at once.",
  "Run it again to finish: it re-plans from the database (an index left INVALID is rebuilt).",
].join("\n");
