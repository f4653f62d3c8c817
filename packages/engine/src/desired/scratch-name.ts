import { randomBytes } from "node:crypto";

/** Every scratch database pg-flux creates is named `pgflux_shadow_<created, base 36 seconds>_<random>`. */
export const SCRATCH_PREFIX = "pgflux_shadow_";

/** Scratch databases older than this are left over from a killed run and are dropped. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** A new scratch database name; only [a-z0-9_], so it never needs quoting. */
export function scratchName(now: number = Date.now()): string {
  return `${SCRATCH_PREFIX}${Math.floor(now / 1000).toString(36)}_${randomBytes(5).toString("hex")}`;
}

/** When a scratch database was created, from its name; null for names pg-flux did not make. */
export function createdAt(name: string): number | null {
  const match = /^pgflux_shadow_([0-9a-z]+)_[0-9a-f]+$/.exec(name);
  if (!match) return null;
  const seconds = Number.parseInt(match[1] as string, 36);
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

export function isStale(name: string, now: number = Date.now()): boolean {
  const created = createdAt(name);
  return created !== null && now - created > STALE_AFTER_MS;
}
