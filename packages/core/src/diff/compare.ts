/** Deep equality of JSON-like values (the model is plain readonly data). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, index) => deepEqual(value, b[index]));
  }
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((key) => Object.hasOwn(rb, key) && deepEqual(ra[key], rb[key]));
}

/** The fields of `value` other than `omit`, for comparing data fields while ignoring some. */
export function without<T extends object, K extends keyof T>(value: T, omit: readonly K[]): Omit<T, K> {
  const copy: Record<string, unknown> = { ...(value as Readonly<Record<string, unknown>>) };
  for (const key of omit) delete copy[key as string];
  return copy as Omit<T, K>;
}

/** Ids present on both sides, only on the current side, only on the desired side (sorted). */
export function partitionIds(
  current: Readonly<Record<string, unknown>>,
  desired: Readonly<Record<string, unknown>>,
): {
  readonly both: readonly string[];
  readonly dropped: readonly string[];
  readonly added: readonly string[];
} {
  const both: string[] = [];
  const dropped: string[] = [];
  const added: string[] = [];
  for (const id of Object.keys(current).sort()) (Object.hasOwn(desired, id) ? both : dropped).push(id);
  for (const id of Object.keys(desired).sort()) if (!Object.hasOwn(current, id)) added.push(id);
  return { both, dropped, added };
}
