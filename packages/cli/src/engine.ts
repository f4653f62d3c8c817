import type * as Engine from "@pg-flux/engine";
import type * as Inspector from "@pg-flux/inspector";

let loaded: { readonly engine: typeof Engine; readonly inspector: typeof Inspector } | undefined;

/**
 * Loads the engine and the inspector (and with them libpg-query and pg). main() runs this as a yargs
 * middleware, after the arguments parsed and before a command's handler, so that `--help`,
 * `--version`, `completion` and usage errors answer without loading them.
 */
export async function loadEngine(): Promise<void> {
  if (loaded) return;
  const [engine, inspector] = await Promise.all([import("@pg-flux/engine"), import("@pg-flux/inspector")]);
  loaded = { engine, inspector };
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
