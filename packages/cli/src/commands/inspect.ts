import type { SchemaState, UnmanagedObject } from "@pg-flux/core";
import { COLLECTIONS, InvalidInputError, redactUrl } from "@pg-flux/core/basics";
import type { CommandContext, CommandModule } from "../command.js";
import { engine, inspector } from "../engine.js";
import { EXIT_CODES_HELP } from "../exit-codes.js";
import { withOptions } from "./option-table.js";
import { namesOf } from "./options.js";

type Format = "json" | "summary";

interface InspectArgs {
  readonly "database-url"?: string | undefined;
  readonly schemas?: readonly string[] | undefined;
  readonly format?: string | undefined;
  readonly "read-lock-timeout"?: string | undefined;
}

/** `pg-flux inspect`: the SchemaState of a live database, as JSON or as object counts. */
export const inspectCommand: CommandModule = (parser, context) =>
  parser.command(
    "inspect",
    "Read a database's schema into pg-flux's model and print it (JSON) or count its objects (summary)",
    (yargs) =>
      withOptions(yargs, "inspect")
        .option("database-url", {
          type: "string",
          describe: "database to read (default: the DATABASE_URL environment variable)",
        })
        .option("format", {
          type: "string",
          choices: ["json", "summary"],
          describe: "json (default when stdout is not a terminal) or summary (default on a terminal)",
        })
        .example("$0 inspect --database-url $DATABASE_URL > state.json", "the whole model as JSON")
        .example("$0 inspect --schemas public,app --format summary", "object counts per kind")
        .epilogue(EXIT_CODES_HELP),
    (argv) => runInspect(argv, context),
  );

async function runInspect(argv: InspectArgs, context: CommandContext): Promise<void> {
  const { io } = context;
  const url = argv["database-url"] ?? io.env.DATABASE_URL;
  if (!url) {
    throw new InvalidInputError([
      { message: "no database to inspect", hint: "pass --database-url or set DATABASE_URL" },
    ]);
  }
  const schemas = argv.schemas && namesOf(argv.schemas);
  const format: Format =
    argv.format === "json" || argv.format === "summary" ? argv.format : io.isTTY ? "summary" : "json";
  const readLockTimeout = argv["read-lock-timeout"];
  const { state, unmanaged, queries, ms } = await inspector().inspectWithStats(
    url,
    inspector().readOptions(
      schemas && schemas.length > 0 ? schemas : null,
      readLockTimeout === undefined
        ? undefined
        : engine().parseDuration(readLockTimeout, "--read-lock-timeout"),
    ),
  );
  switch (format) {
    case "json":
      io.stdout(`${JSON.stringify(state, null, 2)}\n`);
      return;
    case "summary":
      io.stdout(summary(state, redactUrl(url), queries, ms, unmanaged));
      return;
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}

/**
 * One line per collection with its object count, the objects of kinds pg-flux leaves alone (named,
 * up to ten), then the reading cost.
 */
export function summary(
  state: SchemaState,
  where: string,
  queries: number,
  ms: number,
  unmanaged: readonly UnmanagedObject[] = [],
): string {
  const lines = [`PostgreSQL ${state.server.major} at ${where}`];
  if (state.managedSchemas) lines.push(`schemas: ${state.managedSchemas.join(", ")}`);
  const width = Math.max(...COLLECTIONS.map((name) => name.length), "dependencies".length);
  for (const name of COLLECTIONS) lines.push(`  ${name.padEnd(width)}  ${Object.keys(state[name]).length}`);
  lines.push(`  ${"dependencies".padEnd(width)}  ${state.dependencies.length}`);
  const named = unmanaged.slice(0, 10).map((object) => `${object.kind} ${object.name}`);
  if (unmanaged.length > 10) named.push(`and ${unmanaged.length - 10} more`);
  const listed = named.length > 0 ? `  (left alone: ${named.join(", ")})` : "";
  lines.push(`  ${"not managed".padEnd(width)}  ${unmanaged.length}${listed}`);
  lines.push(`read with ${queries} queries in ${Math.round(ms)} ms`);
  return `${lines.join("\n")}\n`;
}
