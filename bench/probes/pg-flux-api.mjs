/**
 * The one place that knows how the BUILT pg-flux packages are called. Parts still being written by
 * other engineers are feature-detected: a missing export makes the measurement "not available",
 * never a made-up number.
 */
import * as core from "@pg-flux/core";
import pg from "pg";

async function optionalImport(specifier) {
  try {
    return await import(specifier);
  } catch {
    return undefined;
  }
}

/** Counts every round trip a client makes: the inspector's query count, whatever its own API offers. */
function countingClient(url) {
  const client = new pg.Client({ connectionString: url });
  let queries = 0;
  const query = client.query.bind(client);
  client.query = (...args) => {
    queries += 1;
    return query(...args);
  };
  return { client, queryCount: () => queries };
}

export async function pgFluxApi() {
  const inspector = await optionalImport("@pg-flux/inspector");
  const engine = await optionalImport("@pg-flux/engine");
  const inspectFn = typeof inspector?.inspect === "function" ? inspector.inspect : undefined;
  return {
    /** @type {((url: string, schemas: string[]) => Promise<{ state: unknown, queries: number }>) | undefined} */
    inspect: inspectFn
      ? async (url, schemas) => {
          const { client, queryCount } = countingClient(url);
          await client.connect();
          try {
            const state = await inspectFn(client, { schemas });
            return { state, queries: queryCount() };
          } finally {
            await client.end();
          }
        }
      : undefined,
    loadDesiredState: typeof engine?.loadDesiredState === "function" ? engine.loadDesiredState : undefined,
    plan: typeof core.plan === "function" ? core.plan : undefined,
    applyPlan: typeof engine?.applyPlan === "function" ? engine.applyPlan : undefined,
    /** Objects in a SchemaState, over every collection. */
    countObjects(state) {
      const collections = core.COLLECTIONS ?? [];
      return collections.reduce((sum, key) => sum + Object.keys(state?.[key] ?? {}).length, 0);
    },
  };
}
