/**
 * Probe: Supabase's `@supabase/pg-delta` (1.0.0-alpha.34) planning `from` → `to` the way its
 * `pgdelta plan --source --desired` command does: extract both databases at once, then `plan()`
 * (diff, order, render the actions' SQL). Its pools are closed before the probe returns.
 */
import { extract, plan } from "@supabase/pg-delta";
import pg from "pg";

/** @param {{ fromUrl: string, toUrl: string }} args */
export async function measure({ fromUrl, toUrl }) {
  const from = new pg.Pool({ connectionString: fromUrl, max: 2 });
  const to = new pg.Pool({ connectionString: toUrl, max: 2 });
  try {
    const started = performance.now();
    const [source, desired] = await Promise.all([extract(from), extract(to)]);
    const planned = plan(source.factBase, desired.factBase);
    const totalMs = performance.now() - started;
    return { totalMs, actions: planned.actions?.length ?? Number.NaN };
  } finally {
    await Promise.allSettled([from.end(), to.end()]);
  }
}
