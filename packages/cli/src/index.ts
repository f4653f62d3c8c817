export type { CommandContext, CommandModule } from "./command.js";
export { EXIT_CODES_HELP } from "./exit-codes.js";
export { main } from "./main.js";
export { type Io, processIo, redactSecrets, renderError } from "./output.js";
