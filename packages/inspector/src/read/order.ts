/** Code-unit order: the same on every machine and locale, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedText(values: readonly string[]): string[] {
  return [...values].sort(compareText);
}

/** A record keyed by each item's id, keys in sorted order (deterministic JSON). */
export function byId<T extends { readonly id: string }>(items: Iterable<T>): Record<string, T> {
  const sorted = [...items].sort((a, b) => compareText(a.id, b.id));
  const record: Record<string, T> = {};
  for (const item of sorted) record[item.id] = item;
  return record;
}

/** The same record with its keys in sorted order. */
export function sortedKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareText)) result[key] = record[key] as T;
  return result;
}
