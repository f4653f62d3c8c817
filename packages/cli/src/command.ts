import type { Argv } from "yargs";
import type { Io } from "./output.js";

/** What a command's handler gets: where to write, and where to leave its exit code. */
export interface CommandContext {
  readonly io: Io;
  exitCode: number;
}

/** A command module registers itself on the yargs instance (see commands/index.ts). */
export type CommandModule = (parser: Argv, context: CommandContext) => Argv;
