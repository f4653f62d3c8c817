import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Plan } from "@pg-flux/core";
import type { ApplyResult } from "@pg-flux/engine";
import type { CommandContext, CommandModule } from "../command.js";
import { engine, renderers } from "../engine.js";
import { EXIT, EXIT_CODES_HELP } from "../exit-codes.js";
import { refuseBlockingHazards } from "../hazard-gate.js";
import { INTERRUPT_EXIT, type InterruptSignal, withInterrupts } from "../interrupt.js";
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
  if (allowed && refuseBlockingHazards(plan, allowed, io)) {
    context.exitCode = EXIT.refused;
    return;
  }
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
    // The file's hazard list is not trusted: its SQL is judged against the database before the
    // plan is shown, asked about or dry-run (the apply judges it again under its lock).
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
  } else {
    const planned = await planFromArgs(argv, context);
    plan = planned.plan;
    schemas = planned.schemas;
    url = await databaseUrl(argv, io);
  }
  if (engine().gateHazards(plan, allowed).length > 0) {
    if (argv["dry-run"])
      io.stdout(redactSecrets(renderPlan(plan, formatOf(argv, io), { color: colorOf(argv, io), schemas })));
    refuseBlockingHazards(plan, allowed, io);
    context.exitCode = EXIT.refused;
    return;
  }
  if (argv["dry-run"]) {
    io.stdout(redactSecrets(renderPlan(plan, formatOf(argv, io), { color: colorOf(argv, io), schemas })));
    io.stderr("Dry run: nothing was applied.\n");
    return;
  }
  // What is applied is shown in the human view (TTY or not) unless --format names another; with
  // --format json the outcome line goes to stderr, so stdout stays one JSON document.
  const shown = argv.format ?? "human";
  if (plan.steps.length > 0) {
    io.stdout(redactSecrets(renderPlan(plan, shown, { color: colorOf(argv, io), schemas })));
    if (io.isTTY && !argv.yes) {
      const ok = await confirm(io, `Apply ${plan.steps.length} step${plan.steps.length === 1 ? "" : "s"}?`);
      if (!ok) {
        io.stderr("Apply cancelled; nothing was applied.\n");
        context.exitCode = EXIT.runtime;
        return;
      }
    }
  }
  const { result, received } = await withInterrupts(io, (signal) =>
    engine().applyMigration({
      databaseUrl: url,
      plan,
      schemas,
      allowHazards: allowed,
      limits,
      readLockTimeout,
      ...setNotNullHint,
      onEvent: progressReporter(io),
      signal,
    }),
  );
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

/** Prints an apply outcome and returns its exit code. */
export function reportApply(
  result: ApplyResult,
  context: CommandContext,
  received?: InterruptSignal,
): number {
  const { io } = context;
  switch (result.status) {
    case "applied": {
      const n = result.applied.length;
      io.stdout(`Applied ${n} step${n === 1 ? "" : "s"} in ${(result.ms / 1000).toFixed(1)}s.\n`);
      return EXIT.ok;
    }
    case "nothing_to_do":
      io.stdout("Nothing to do: the database already matches the desired schema.\n");
      return EXIT.ok;
    case "refused":
      io.stderr(redactSecrets(`Error: ${result.message}\n`));
      return EXIT.refused;
    case "failed": {
      const steps = result.plan.steps;
      const lines = [`Error: apply failed: ${result.message}`];
      if (result.failure)
        lines.push(
          `  failed:      step ${result.failure.stepIndex + 1}: ${oneLine(result.failure.step.sql)}`,
        );
      lines.push(`  applied:     ${list(result.applied.map((r) => r.index))}`);
      if (result.rolledBack.length > 0)
        lines.push(`  rolled back: ${list(result.rolledBack.map((r) => r.index))}`);
      lines.push(`  not run:     ${list(result.notRun)}`);
      if (result.failure) {
        lines.push(
          `The database holds the applied steps (${result.applied.length} of ${steps.length}). ${engine().nextStep(result.failure)}`,
        );
      }
      io.stderr(redactSecrets(`${lines.join("\n")}\n`));
      return EXIT.runtime;
    }
    case "interrupted": {
      const lines = [`Apply interrupted: ${result.message}.`];
      if (result.stopped)
        lines.push(
          `  cancelled:   step ${result.stopped.stepIndex + 1}: ${oneLine(result.stopped.step.sql)}`,
        );
      lines.push(`  applied:     ${list(result.applied.map((r) => r.index))}`);
      if (result.rolledBack.length > 0)
        lines.push(`  rolled back: ${list(result.rolledBack.map((r) => r.index))}`);
      lines.push(`  not applied: ${list(result.notRun)}`);
      for (const index of result.invalidIndexes)
        lines.push(
          `  left INVALID by the cancelled build: index ${index} (the next run drops and rebuilds it)`,
        );
      lines.push(
        `pg-flux holds no lock and runs nothing on the database now. The database holds the applied steps (${result.applied.length} of ${result.plan.steps.length}); run pg-flux migrate apply again to finish: it re-plans from the database.`,
      );
      io.stderr(redactSecrets(`${lines.join("\n")}\n`));
      return INTERRUPT_EXIT[received ?? "SIGINT"];
    }
    default: {
      const _exhaustive: never = result;
      return _exhaustive;
    }
  }
}

function list(indexes: readonly number[]): string {
  return indexes.length === 0 ? "none" : `steps ${indexes.map((i) => i + 1).join(", ")}`;
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}
