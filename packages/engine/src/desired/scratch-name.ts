import { randomBytes } from "node:crypto";

/** Every scratch database pg-flux creates is named `pgflux_shadow_<created, base 36 seconds>_<random>`. */
export const SCRATCH_PREFIX = "pgflux_shadow_";

/** The throwaway role that runs the load on a shadow server: `pgflux_load_<created>_<random>`. */
export const LOADER_PREFIX = "pgflux_load_";

/** Scratch databases and loader roles older than this are left over from a killed run and are dropped. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** A new scratch database name; only [a-z0-9_], so it never needs quoting. */
export function scratchName(now: number = Date.now()): string {
  return generatedName(SCRATCH_PREFIX, now);
}

/** A new loader role name; only [a-z0-9_], so it never needs quoting. */
export function loaderName(now: number = Date.now()): string {
  return generatedName(LOADER_PREFIX, now);
}

function generatedName(prefix: string, now: number): string {
  return `${prefix}${Math.floor(now / 1000).toString(36)}_${randomBytes(5).toString("hex")}`;
}

/** When a scratch database or loader role was created, from its name; null for names pg-flux did not make. */
export function createdAt(name: string): number | null {
  const match = /^pgflux_(?:shadow|load)_([0-9a-z]+)_[0-9a-f]+$/.exec(name);
  if (!match) return null;
  const seconds = Number.parseInt(match[1] as string, 36);
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

export function isStale(name: string, now: number = Date.now()): boolean {
  const created = createdAt(name);
  return created !== null && now - created > STALE_AFTER_MS;
}
