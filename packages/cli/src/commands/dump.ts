import { writeFileSync } from "node:fs";
import path from "node:path";
import type { CommandContext, CommandModule } from "../command.js";
import { engine } from "../engine.js";
import { EXIT_CODES_HELP } from "../exit-codes.js";
import { withOptions } from "./option-table.js";
import { type CommonArgs, databaseUrl, readDefaults, readLockTimeoutOf, schemasOf } from "./options.js";

/** `pg-flux dump`: canonical schema SQL of a live database. */
export const dumpCommand: CommandModule = (parser, context) =>
  parser.command(
    "dump",
    "Print the canonical, deterministic schema SQL of a database (commit it; review textual diffs)",
    (yargs) =>
      withOptions(yargs, "dump")
        .option("out", { type: "string", describe: "write to this file instead of stdout" })
        .example("$0 dump --database-url $DATABASE_URL > schema.sql", "snapshot the schema")
        .example("$0 dump --schemas public,app --out db/schema.sql", "two schemas, to a file")
        .epilogue(EXIT_CODES_HELP),
    (argv) => runDump(argv, context),
  );

interface DumpArgs extends CommonArgs {
  readonly out?: string | undefined;
}

async function runDump(argv: DumpArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const { sql } = await engine().dumpSchema(await databaseUrl(argv, io), {
    schemas: schemasOf(argv, defaults),
    readLockTimeout: readLockTimeoutOf(argv, defaults),
  });
  if (argv.out) {
    writeFileSync(path.resolve(io.cwd, argv.out), sql);
    io.stderr(`Wrote ${argv.out}.\n`);
  } else io.stdout(sql);
}
