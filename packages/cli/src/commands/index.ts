import type { CommandModule } from "../main.js";

/** Every command of the CLI, one module each (see the files beside this one). */
export const commands: readonly CommandModule[] = [];
