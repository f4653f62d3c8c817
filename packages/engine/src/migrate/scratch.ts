import type { ScratchDatabase, ScratchHost } from "../desired/scratch-host.js";

/** Opens a scratch database on `host`, runs `work`, and drops it whatever happens. */
export async function withScratchDatabase<T>(
  host: ScratchHost,
  work: (db: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const db = await host.createDatabase();
  try {
    return await work(db);
  } finally {
    await db.drop().catch(() => undefined);
  }
}
