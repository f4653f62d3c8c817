import { nearest } from "@pg-flux/core/basics";
import yargs, { type Argv } from "yargs";
import type { CommandContext } from "./command.js";
import { commands } from "./commands/index.js";
import { DEPRECATED_FLAGS } from "./commands/option-table.js";
import { loadEngine } from "./engine.js";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.js";
import { type Io, processIo, redactingIo, renderError } from "./output.js";
import { version } from "./version.js";

/**
 * Runs the CLI and resolves to the exit code. Commands are thin: they parse arguments, call the
 * library and render the result; a command sets its exit code through `context.exitCode`.
 */
export async function main(rawArgv: readonly string[], unsafeIo: Io = processIo): Promise<number> {
  const argv = joinDashValues(rawArgv);
  const io = redactingIo(unsafeIo, argv);
  const context: CommandContext = { io, exitCode: EXIT.ok };
  let parser: Argv = yargs([...argv])
    .scriptName("pg-flux")
    .usage("pg-flux <command> [options]\n\nDeclarative schema diff and safe migrations for PostgreSQL.")
    .epilogue(EXIT_CODES_HELP)
    .strict()
    .demandCommand(1, "name a command; see pg-flux --help")
    .recommendCommands()
    .completion(
      "completion",
      "Print the shell completion script (bash, zsh): pg-flux completion >> ~/.bashrc",
    )
    // pg-flux/bin/help.js answers `pg-flux [command …] --help` with the help rendered at build time: same widths
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error, usage) => {
      throw error ?? new UsageError(explainUsage(message ?? "invalid usage", argv, usage));
    })
    .version(version())
    .alias("version", "V")
    .help()
    .middleware(async (args) => {
      for (const [old, flag] of DEPRECATED_FLAGS)
        if (args[old] !== undefined) io.stderr(`warning: --${old} is deprecated; use --${flag}\n`);
      // help, completion and a missing command answer without the engine
      const command = args._[0];
      if (command !== undefined && command !== "completion" && !args.help) await loadEngine();
    });
  for (const command of commands) parser = command(parser, context);
  try {
    let helpOutput = "";
    await parser.parseAsync([...argv], {}, (_error, _argv, output) => {
      helpOutput = output;
    });
    if (helpOutput) io.stdout(`${helpOutput}\n`);
    return context.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`Error: ${error.message}\nRun pg-flux --help for usage.\n`);
      return EXIT.invalidInput;
    }
    io.stderr(`${renderError(error)}\n`);
    return exitCodeFor(error);
  }
}

class UsageError extends Error {}

/**
 * yargs's usage messages, made to name what was mistyped and suggest what was meant:
 * `unknown command "dif"; did you mean diff?`, `unknown option --frmat; did you mean --format?`.
 * `usage` is the failing (sub)command's usage object, whose descriptions name its options.
 */
function explainUsage(message: string, argv: readonly string[], usage: unknown): string {
  const recommended = /^Did you mean (\S+)\?$/.exec(message)?.[1];
  if (recommended) {
    const typed = nearest(
      recommended,
      argv.filter((arg) => !arg.startsWith("-")),
      recommended.length,
    );
    return `unknown command${typed ? ` "${typed}"` : ""}; did you mean ${recommended}?`;
  }
  const implied = /^Implications failed:\s+(\S+) -> (\S+)/.exec(message);
  if (implied)
    return `--${implied[1]} takes effect only with --${implied[2]}: add it, or drop --${implied[1]}`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1];
  if (!unknown) return message;
  const described = (usage as { getDescriptions?: () => Record<string, unknown> }).getDescriptions?.() ?? {};
  const options = Object.keys(described);
  // yargs lists `--alow-hazards` twice, as alow-hazards and alowHazards
  const names = new Set(
    unknown.split(", ").map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)),
  );
  return [...names]
    .map((name) => {
      const flag = argv
        .map((arg) => arg.replace(/=.*$/, ""))
        .find((arg) => arg === `--${name}` || arg === `--no-${name}` || arg === `-${name}`);
      if (!flag) return `unexpected argument "${name}"`;
      const meant = nearest(name.toLowerCase(), options, Math.max(1, Math.floor(name.length / 3)));
      const negated = flag.startsWith("--no-") ? "no-" : "";
      return `unknown option ${flag}${meant ? `; did you mean --${negated}${meant}?` : ""}`;
    })
    .join("\n");
}

/**
 * `--out -` means stdout, but yargs reads a lone `-` as an argument of its own; join it to the
 * option before it (`--out=-`) so every option can take `-` as a value.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (const arg of argv) {
    const previous = joined.at(-1);
    if (arg === "-" && previous?.startsWith("--") && !previous.includes("="))
      joined[joined.length - 1] = `${previous}=-`;
    else joined.push(arg);
  }
  return joined;
}
