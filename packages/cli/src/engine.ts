import type * as Engine from "@pg-flux/engine";
import type * as Inspector from "@pg-flux/inspector";
import type * as Ledger from "@pg-flux/ledger";
import type * as Renderers from "./renderers.js";

let loaded:
  | {
      readonly engine: typeof Engine;
      readonly inspector: typeof Inspector;
      readonly ledger: typeof Ledger;
      readonly renderers: typeof Renderers;
    }
  | undefined;

/**
 * Loads the engine, the ledger and the inspector (and with them libpg-query and pg), and core's plan
 * renderers (with them its planner). main() runs this as a yargs middleware, after the arguments parsed and
 * before a command's handler, so that `--help`, `--version`, `completion` and usage errors answer
 * without loading them. The CLI's static imports of core are only its small modules (errors, exit
 * codes, redaction, hazard names): bundled, `pg-flux --help` then loads none of the planner
 * (bench/startup.mjs measures it).
 */
export async function loadEngine(): Promise<void> {
  if (loaded) return;
  const [engine, inspector, ledger, renderers] = await Promise.all([
    import("@pg-flux/engine"),
    import("@pg-flux/inspector"),
    import("@pg-flux/ledger"),
    import("./renderers.js"),
  ]);
  loaded = { engine, inspector, ledger, renderers };
}

/** The plan renderers, for command handlers (loaded by then; see loadEngine). */
export function renderers(): typeof Renderers {
  if (!loaded) throw new Error("internal: the renderers are used before loadEngine() ran");
  return loaded.renderers;
}

/** The engine, for command handlers (loaded by then; see loadEngine). */
export function engine(): typeof Engine {
  if (!loaded) throw new Error("internal: the engine is used before loadEngine() ran");
  return loaded.engine;
}

/** The inspector, for command handlers (loaded by then; see loadEngine). */
export function inspector(): typeof Inspector {
  if (!loaded) throw new Error("internal: the inspector is used before loadEngine() ran");
  return loaded.inspector;
}

/** The ledger (push, versioned files, flux.json projects), for command handlers (see loadEngine). */
export function ledger(): typeof Ledger {
  if (!loaded) throw new Error("internal: the ledger is used before loadEngine() ran");
  return loaded.ledger;
}
