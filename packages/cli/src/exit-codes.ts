import { PgFluxError } from "@pg-flux/core/basics";

/**
 * The exit codes of the CLI. The library classifies its errors (`PgFluxError.code`) and returns
 * status unions; only the CLI turns them into process exit codes, here and in interrupt.ts
 * (130/143 for a run stopped by SIGINT/SIGTERM).
 */
export const EXIT = {
  ok: 0,
  runtime: 1,
  invalidInput: 2,
  refused: 3,
  changesPending: 4,
} as const;

/** The exit code of an error that ended a command: by its classification, runtime when unknown. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof PgFluxError)) return EXIT.runtime;
  switch (error.code) {
    case "invalid_input":
      return EXIT.invalidInput;
    case "refused":
      return EXIT.refused;
    case "runtime":
      return EXIT.runtime;
    default: {
      const _exhaustive: never = error.code;
      return _exhaustive;
    }
  }
}

/** The exit codes as `pg-flux --help` and every command's help list them. */
export const EXIT_CODES_HELP = [
  "Exit codes:",
  `  ${EXIT.ok}  success, or nothing to do`,
  `  ${EXIT.runtime}  runtime failure (connection, SQL error)`,
  `  ${EXIT.invalidInput}  invalid input (usage, unparseable SQL, bad hint)`,
  `  ${EXIT.refused}  refused (blocking hazards, stale plan, a saved plan edited after it was saved, checksum`,
  "     conflict, roles missing on the target)",
  `  ${EXIT.changesPending}  changes pending (--check)`,
  "  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM during migrate apply or push: the running",
  "     statement was cancelled on the server and its locks released; what ran is listed",
].join("\n");
