/**
 * Runs `work` over `items` with at most `limit` at once, in order of the items. When `signal`
 * fires, or `stop()` returns true, no further item starts; the running ones finish (each gets the
 * signal itself when it must stop early). Resolves when every started item has finished.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted || stop()) return;
      const index = next++;
      const item = items[index];
      if (index >= items.length || item === undefined) return;
      await work(item, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
