import type { SchemaState } from "../model/state.js";

/**
 * A stable fingerprint of a SchemaState: FNV-1a (64 bit) over canonical JSON (object keys sorted,
 * arrays in order) of what the differ compares. Left out: `server`, `managedSchemas` and `stats`
 * (measurements), and every `owner` field (the desired side is read from a scratch database owned by
 * whoever ran the loader). Written here instead of node:crypto because core is pure; FNV-1a is not
 * a cryptographic hash and need not be — it detects drift, it does not authenticate.
 *
 * Format: `fnv1a64:<16 hex digits>`.
 */
export function fingerprint(state: SchemaState): string {
  const { server: _server, managedSchemas: _managed, stats: _stats, ...compared } = state;
  const sortedDependencies = [...compared.dependencies].map((d) => `${d.dependent}>${d.referenced}`).sort();
  return `fnv1a64:${fnv1a64(canonicalJson({ ...compared, dependencies: sortedDependencies }))}`;
}

/** JSON with object keys in sorted order and `owner` fields dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record)
    .filter((key) => key !== "owner" && record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a 64 over the UTF-16 code units of `text` (low byte, then high byte). */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK;
    hash = ((hash ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, "0");
}
