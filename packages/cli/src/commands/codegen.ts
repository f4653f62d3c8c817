import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CommandContext, CommandModule } from "../command.js";
import { engine } from "../engine.js";
import { EXIT, EXIT_CODES_HELP } from "../exit-codes.js";
import { withOptions } from "./option-table.js";
import {
  type CommonArgs,
  databaseUrl,
  readDefaults,
  readLockTimeoutOf,
  schemasOf,
  shadowUrlOf,
} from "./options.js";

/** `pg-flux codegen`: TypeScript types of the schema, for Kysely or plain use. */
export const codegenCommand: CommandModule = (parser, context) =>
  parser.command(
    "codegen",
    "Generate TypeScript types (row, insert and update shapes, a Kysely Database interface) from the schema",
    (yargs) =>
      withOptions(yargs, "codegen")
        .option("out", {
          type: "string",
          demandOption: true,
          describe: "the .ts file to write (- for stdout)",
        })
        .option("check", {
          type: "boolean",
          describe:
            "write nothing; exit 4 when the file differs from what would be generated (CI drift check)",
        })
        .option("int8", {
          choices: ["string", "number", "bigint"] as const,
          describe: "TypeScript type of bigint columns (default string: exact)",
        })
        .option("numeric", {
          choices: ["string", "number"] as const,
          describe: "TypeScript type of numeric columns (default string: exact)",
        })
        .option("dates", {
          choices: ["Date", "string"] as const,
          describe: "TypeScript type of date and timestamp columns (default Date, as pg returns them)",
        })
        .example("$0 codegen --source schema/ --out src/db.ts", "from the desired SQL (no database needed)")
        .example("$0 codegen --database-url $DATABASE_URL --out src/db.ts", "from a live database")
        .example("$0 codegen --source schema/ --out src/db.ts --check", "fail CI when src/db.ts is stale")
        .epilogue(EXIT_CODES_HELP),
    (argv) => runCodegen(argv, context),
  );

interface CodegenArgs extends CommonArgs {
  readonly out: string;
  readonly check?: boolean | undefined;
  readonly int8?: "string" | "number" | "bigint" | undefined;
  readonly numeric?: "string" | "number" | undefined;
  readonly dates?: "Date" | "string" | undefined;
}

async function runCodegen(argv: CodegenArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const { defaults } = await readDefaults(argv, io);
  const sources = argv.source && argv.source.length > 0 ? argv.source : (defaults.source ?? []);
  const hasUrl = Boolean(argv["database-url"] || io.env.DATABASE_URL || argv.project);
  const url = sources.length === 0 || hasUrl ? await databaseUrl(argv, io) : undefined;
  const shadowUrl = shadowUrlOf(argv, defaults, io);
  const result = await engine().generateCodegen({
    sources: sources.map((source) => path.resolve(io.cwd, source)),
    ...(url ? { databaseUrl: url } : {}),
    ...(shadowUrl ? { shadowUrl } : {}),
    schemas: schemasOf(argv, defaults),
    readLockTimeout: readLockTimeoutOf(argv, defaults),
    cwd: io.cwd,
    options: {
      ...(argv.int8 ? { int8: argv.int8 } : {}),
      ...(argv.numeric ? { numeric: argv.numeric } : {}),
      ...(argv.dates ? { dates: argv.dates } : {}),
    },
  });
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (argv.out === "-") {
    io.stdout(result.source);
    return;
  }
  const file = path.resolve(io.cwd, argv.out);
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (argv.check) {
    if (current === result.source) {
      io.stderr(`${argv.out} is up to date.\n`);
    } else {
      io.stderr(
        `${argv.out} ${current === null ? "does not exist" : "is stale"}: run pg-flux codegen --out ${argv.out}\n`,
      );
      context.exitCode = EXIT.changesPending;
    }
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, result.source);
  io.stderr(`Wrote ${argv.out}.\n`);
}
