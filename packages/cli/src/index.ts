export { type CommandContext, type CommandModule, EXIT_CODES_HELP, main } from "./main.js";
export { type Io, processIo, redactSecrets, renderError } from "./output.js";
