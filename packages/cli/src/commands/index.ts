import type { CommandModule } from "../main.js";
import { ledgerCommand } from "./ledger.js";
import { listCommand } from "./list.js";
import { migrationsCommand } from "./migrations.js";
import { pushCommand } from "./push.js";

/** Every command of the CLI, one module each (see the files beside this one). */
export const commands: readonly CommandModule[] = [
  pushCommand,
  migrationsCommand,
  listCommand,
  ledgerCommand,
];
