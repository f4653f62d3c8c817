import type { CommandModule } from "../command.js";
import { codegenCommand } from "./codegen.js";
import { diffCommand } from "./diff.js";
import { dumpCommand } from "./dump.js";
import { fleetCommand } from "./fleet.js";
import { inspectCommand } from "./inspect.js";
import { ledgerCommand } from "./ledger.js";
import { listCommand } from "./list.js";
import { migrateCommand } from "./migrate.js";
import { migrationsCommand } from "./migrations.js";
import { pushCommand } from "./push.js";

/** Every command of the CLI, one module each (see the files beside this one). */
export const commands: readonly CommandModule[] = [
  pushCommand,
  migrationsCommand,
  listCommand,
  ledgerCommand,
  migrateCommand,
  diffCommand,
  dumpCommand,
  inspectCommand,
  codegenCommand,
  fleetCommand,
];
