import type { RoleState } from "../model/role.js";
import type { Collection, SchemaState } from "../model/state.js";
import { COLLECTIONS, KINDS } from "../objects/kinds.js";

/**
 * A stable fingerprint of a SchemaState: FNV-1a (64 bit) over canonical JSON (object keys sorted,
 * arrays in order) of what the differ compares. Left out: `server`, `managedSchemas` and `stats`
 * (measurements), and every `owner` field (the desired side is read from a scratch database owned by
 * whoever ran the loader). Written here instead of node:crypto because core is pure; FNV-1a is not
 * a cryptographic hash and need not be — it detects drift, it does not authenticate.
 *
 * Format: `fnv1a64:<16 hex digits>`. Saved plans carry it, so the value must never change: the
 * canonical JSON is streamed into the hash piece by piece (`hashCanonicalJson`) instead of being
 * built as one string, but the characters hashed are exactly those of `canonicalJson`.
 */
export function fingerprint(state: SchemaState): string {
  const known = fingerprints.get(state);
  if (known !== undefined) return known;
  const { server: _server, managedSchemas: _managed, stats: _stats, ...all } = state;
  const compared = withoutEmptyLateCollections({ ...all, functions: withoutDerivedFields(all.functions) });
  const sortedDependencies = [...compared.dependencies].map((d) => `${d.dependent}>${d.referenced}`).sort();
  const hash = new Fnv1a64();
  hashCanonicalJson({ ...compared, dependencies: sortedDependencies }, hash);
  const value = `fnv1a64:${hash.hex()}`;
  fingerprints.set(state, value);
  return value;
}

/** The format `fingerprint` returns. */
const FINGERPRINT_FORMAT = /^fnv1a64:[0-9a-f]{16}$/;

/**
 * Records `value` as the fingerprint of `state`, for a state read back from a store that saved
 * `fingerprint(state)` beside it, made by the same code (the engine's desired-state cache, keyed by
 * its build): hashing a large state is much of a cached no-change re-plan. A value not of
 * fingerprint's format is ignored (the state is then hashed when asked).
 */
export function rememberFingerprint(state: SchemaState, value: unknown): void {
  if (typeof value === "string" && FINGERPRINT_FORMAT.test(value) && !fingerprints.has(state))
    fingerprints.set(state, value);
}

/**
 * Routines without the fields derived from others (`argumentTypes` from the signature, `calls` from
 * the body): they add nothing to drift detection, and leaving them out keeps the values of plans
 * saved before the model had them.
 */
function withoutDerivedFields(functions: SchemaState["functions"]): Readonly<Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(functions).map(([id, { argumentTypes: _types, calls: _calls, ...rest }]) => [id, rest]),
  );
}

/**
 * Collections the model gained after fingerprints were first saved in plans (their spec's
 * `fingerprint` is `when_present`, objects/<kind>/<kind>.kind.ts).
 */
const LATE_COLLECTIONS = COLLECTIONS.filter((collection) => KINDS[collection].fingerprint === "when_present");

/**
 * The state without those of LATE_COLLECTIONS that are empty: they are hashed only when they hold
 * something, so a state without such objects keeps the value it always had and plans saved before
 * stay valid. (A new field on an existing object moves every value; a new kind need not.)
 */
export function withoutEmptyLateCollections<T extends Partial<Record<Collection, object>>>(state: T): T {
  const kept: Partial<T> = { ...state };
  for (const key of LATE_COLLECTIONS) {
    const collection = state[key];
    if (collection !== undefined && Object.keys(collection).length === 0) delete kept[key];
  }
  // typed as the input for the caller's convenience: the omitted keys are only ever hashed, never read
  return kept as T;
}

/**
 * Fingerprints already computed, by state object: a `migrate plan` fingerprints the current and the
 * desired state once for the plan and again when verification re-plans from and to them. States are
 * never mutated (model/state.ts), so a state object's fingerprint cannot go stale.
 */
const fingerprints = new WeakMap<SchemaState, string>();

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

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Feeds exactly the characters of `canonicalJson(value)` into `hash`, in order, without building
 * the text: punctuation as single characters, strings through `jsonString` (no copy unless JSON
 * escapes something). Sorting the keys before dropping `owner` and undefined fields gives the same
 * order as dropping first.
 */
function hashCanonicalJson(value: unknown, hash: Fnv1a64): void {
  if (typeof value === "string") {
    hash.jsonString(value);
    return;
  }
  if (value === null || typeof value !== "object") {
    hash.text(JSON.stringify(value) ?? "null");
    return;
  }
  if (Array.isArray(value)) {
    hash.char(OPEN_BRACKET);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) hash.char(COMMA);
      hashCanonicalJson(value[i], hash);
    }
    hash.char(CLOSE_BRACKET);
    return;
  }
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record).sort();
  let first = true;
  hash.char(OPEN_BRACE);
  for (const key of keys) {
    if (key === "owner") continue;
    const field = record[key];
    if (field === undefined) continue;
    if (!first) hash.char(COMMA);
    first = false;
    hash.jsonString(key);
    hash.char(COLON);
    hashCanonicalJson(field, hash);
  }
  hash.char(CLOSE_BRACE);
}

/** FNV-1a 64 over the UTF-16 code units of `text` (low byte, then high byte). */
export function fnv1a64(text: string): string {
  const hash = new Fnv1a64();
  hash.text(text);
  return hash.hex();
}

/**
 * FNV-1a 64 in four 16-bit limbs of plain numbers, low limb first (BigInt arithmetic per byte was
 * the cost of fingerprinting a large state). Multiplying by the prime 2^40 + 0x1b3 is
 * `h * 0x1b3 + (h << 40)`: each limb times 0x1b3 plus the carry from below, and `h << 40` adds the
 * two low limbs shifted by 8 bits to the two high ones. Every intermediate stays below 2^27.
 */
class Fnv1a64 {
  // offset basis 0xcbf29ce484222325
  #h0 = 0x2325;
  #h1 = 0x8422;
  #h2 = 0x9ce4;
  #h3 = 0xcbf2;

  /** The code units of `text`. */
  text(text: string): void {
    this.#units(text, false);
  }

  /** The code units of `JSON.stringify(text)`, copying only when JSON escapes a character. */
  jsonString(text: string): void {
    this.char(0x22);
    if (!this.#units(text, true)) this.text(JSON.stringify(text).slice(1, -1));
    this.char(0x22);
  }

  /** One code unit below 0x100 (its high byte is 0). */
  char(unit: number): void {
    let h0 = this.#h0 ^ unit;
    let h1 = this.#h1;
    let h2 = this.#h2;
    let h3 = this.#h3;
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3 + (t0 >>> 16);
    let t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    let t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
    t0 = h0 * 0x1b3;
    t1 = h1 * 0x1b3 + (t0 >>> 16);
    t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    this.#h0 = t0 & 0xffff;
    this.#h1 = t1 & 0xffff;
    this.#h2 = t2 & 0xffff;
    this.#h3 = t3 & 0xffff;
  }

  /**
   * Hashes the code units of `text`. With `plainOnly`, gives up (hash unchanged, returns false) at
   * the first unit JSON.stringify would not copy as is: `"`, `\`, controls, surrogates.
   */
  #units(text: string, plainOnly: boolean): boolean {
    let h0 = this.#h0;
    let h1 = this.#h1;
    let h2 = this.#h2;
    let h3 = this.#h3;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (plainOnly && (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit >= 0xd800 && unit <= 0xdfff)))
        return false;
      h0 ^= unit & 0xff;
      let t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3 + (t0 >>> 16);
      let t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      let t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
      h0 ^= unit >>> 8;
      t0 = h0 * 0x1b3;
      t1 = h1 * 0x1b3 + (t0 >>> 16);
      t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.#h0 = h0;
    this.#h1 = h1;
    this.#h2 = h2;
    this.#h3 = h3;
    return true;
  }

  hex(): string {
    const limb = (value: number) => value.toString(16).padStart(4, "0");
    return limb(this.#h3) + limb(this.#h2) + limb(this.#h1) + limb(this.#h0);
  }
}

/**
 * The fingerprint a plan made with managed roles (`--manage-roles`) carries: the database's and
 * the managed roles' (without `dependents`, which are measurements, and without the files' own
 * setting values, which only render SQL). Without roles it is the database's alone, unchanged.
 */
export function planFingerprint(state: SchemaState, roles?: RoleState): string {
  const database = fingerprint(state);
  if (roles === undefined) return database;
  const managed = Object.fromEntries(
    Object.entries(roles.roles).map(([id, role]) => [
      id,
      { ...role, settings: role.settings.map(({ values: _values, ...setting }) => setting) },
    ]),
  );
  const hash = new Fnv1a64();
  hashCanonicalJson({ database, roles: managed }, hash);
  return `fnv1a64:${hash.hex()}`;
}
