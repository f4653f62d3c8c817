import type { CommandContext, CommandModule } from "../command.js";
import { engine } from "../engine.js";
import { EXIT, EXIT_CODES_HELP } from "../exit-codes.js";
import { refuseBlockingHazards } from "../hazard-gate.js";
import { redactSecrets } from "../output.js";
import { renderPlan } from "../plan-output.js";
import { withOptions } from "./option-table.js";
import {
  allowedHazardsOf,
  type CommonArgs,
  colorOf,
  formatOf,
  planOptionsOf,
  readDefaults,
  readLockTimeoutOf,
  schemasOf,
  shadowUrlOf,
} from "./options.js";

/** `pg-flux diff --from … --to …`: the migration between any two schema sources. */
export const diffCommand: CommandModule = (parser, context) =>
  parser.command(
    "diff",
    "Show the migration between two schemas: SQL files, directories or database URLs, in any mix",
    (yargs) =>
      withOptions(yargs, "diff")
        .option("from", {
          type: "string",
          array: true,
          demandOption: true,
          describe:
            "the schema to migrate from: a .sql file, a directory or a postgres:// URL (files repeatable)",
        })
        .option("to", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "the schema to migrate to (its @renamed hints apply)",
        })
        .option("check", { type: "boolean", describe: "exit 4 when the two schemas differ" })
        .example(
          "$0 diff --from fixtures/examples/before.sql --to fixtures/examples/after.sql",
          "two files, normalized in an embedded PostgreSQL (nothing to install)",
        )
        .example("$0 diff --from $DATABASE_URL --to schema/", "a live database against the desired schema")
        .example("$0 diff --from $STAGING_URL --to $PROD_URL --check", "are two databases the same?")
        .example(
          "$0 diff --from base/schema/ --to schema/ --format markdown --fail-on-hazards",
          "review a branch's schema change; exit 3 on hazards apply would refuse",
        )
        .epilogue(EXIT_CODES_HELP),
    (argv) => runDiff(argv, context),
  );

interface DiffArgs extends CommonArgs {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly check?: boolean | undefined;
}

async function runDiff(argv: DiffArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const schemas = schemasOf(argv, defaults);
  const allowed = argv["fail-on-hazards"] ? allowedHazardsOf(argv["allow-hazards"], defaults) : null;
  const result = await engine().diffSources({
    from: argv.from,
    to: argv.to,
    schemas,
    shadowUrl: shadowUrlOf(argv, defaults, io),
    readLockTimeout: readLockTimeoutOf(argv, defaults),
    options: planOptionsOf(argv, defaults),
    cwd: io.cwd,
  });
  for (const warning of result.warnings) io.stderr(redactSecrets(`warning: ${warning}\n`));
  io.stdout(
    redactSecrets(renderPlan(result.plan, formatOf(argv, io), { color: colorOf(argv, io), schemas })),
  );
  if (allowed && refuseBlockingHazards(result.plan, allowed, context)) return;
  if (argv.check && result.plan.steps.length > 0) context.exitCode = EXIT.changesPending;
}
