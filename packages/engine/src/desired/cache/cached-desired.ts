import { createHash } from "node:crypto";
import {
  fingerprint,
  type RoleDeclarations,
  rememberFingerprint,
  type SchemaState,
  type SourceLocation,
} from "@pg-flux/core";
import type { DesiredScript, RenameHint, RoleMention, Script, TypeHint } from "@pg-flux/parser";
import type { ScratchSite } from "../scratch-host.js";
import { buildIdentity } from "./build-identity.js";
import type { DesiredCache } from "./desired-cache.js";

/**
 * Everything a normalized desired state depends on, as the cache's key: the code that normalizes
 * (buildIdentity), the scratch server (its version and build, the extensions it offers, its
 * settings: ScratchSite.describe), the role that owns what the load creates, the managed schemas,
 * the psql variables, and every file read — top-level and `\i` — by name and content hash, in read
 * order. The roles the files name are in the files; what the scratch server makes of them (a shadow
 * server's roles) is checked on every read (`roleFacts` in the entry).
 */
export interface DesiredKey {
  readonly kind: "desired-state";
  readonly build: string;
  readonly scratch: string;
  readonly owner: string | null;
  readonly schemas: readonly string[] | null;
  readonly variables: readonly (readonly [string, string])[];
  readonly files: readonly (readonly [string, string])[];
}

/** A desired state as loading the files produces it: what a cache entry stores and DesiredState extends. */
export interface NormalizedDesired {
  readonly state: SchemaState;
  readonly hints: readonly RenameHint[];
  /** `-- @tstype` hints (for codegen), by column id. */
  readonly typeHints: readonly TypeHint[];
  /** Object id → where the files define it. */
  readonly locations: Readonly<Record<string, SourceLocation>>;
}

/** What a cache entry holds: the desired state as loadScript returns it, and what requireTargetRoles needs. */
export interface CachedDesired extends NormalizedDesired {
  readonly roles: readonly string[];
  readonly roleDeclarations: RoleDeclarations;
  readonly roleMentions: readonly RoleMention[];
  /** ScratchSite.roleFacts(roles) when it was stored: a read finding other facts is a miss. */
  readonly roleFacts: string;
  /** core's fingerprint(state), remembered on read: the plan then hashes only the live state. */
  readonly fingerprint: string;
}

export interface DesiredKeyOptions {
  readonly schemas?: readonly string[] | null | undefined;
  readonly variables?: Readonly<Record<string, string>> | undefined;
}

/**
 * The key of `script` normalized on `site`; null when the site cannot say what it normalizes with
 * (then nothing is cached) or the files have problems the parser will report.
 */
export async function desiredKey(
  script: Script,
  site: ScratchSite,
  options: DesiredKeyOptions,
): Promise<DesiredKey | null> {
  if (script.problems.length > 0) return null;
  const { identity, owner } = await site.describe();
  if (identity === null) return null;
  return {
    kind: "desired-state",
    build: buildIdentity(),
    scratch: identity,
    owner,
    schemas: options.schemas ? [...options.schemas].sort() : null,
    variables: Object.entries(options.variables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    files: script.files.map((file) => [file.name, createHash("sha256").update(file.text).digest("hex")]),
  };
}

/** The entry stored under `key`, if there is one and the site's roles are as they were when it was stored. */
export async function readCachedDesired(
  cache: DesiredCache,
  key: DesiredKey,
  site: ScratchSite,
): Promise<CachedDesired | undefined> {
  const entry = cache.read<CachedDesired>(key);
  if (!entry) return undefined;
  const facts = await site.roleFacts(entry.roles);
  if (facts !== entry.roleFacts) return undefined;
  rememberFingerprint(entry.state, entry.fingerprint);
  return entry;
}

/** Stores a desired state just loaded from `script` on `site`. */
export async function storeCachedDesired(
  cache: DesiredCache,
  key: DesiredKey,
  site: ScratchSite,
  script: Pick<DesiredScript, "roles" | "roleDeclarations" | "roleMentions">,
  desired: NormalizedDesired,
): Promise<void> {
  const entry: CachedDesired = {
    state: desired.state,
    hints: desired.hints,
    typeHints: desired.typeHints,
    locations: desired.locations,
    roles: script.roles,
    roleDeclarations: script.roleDeclarations,
    roleMentions: script.roleMentions,
    roleFacts: await site.roleFacts(script.roles),
    // computed once: the plan that follows asks for it too (fingerprint remembers it by state)
    fingerprint: fingerprint(desired.state),
  };
  cache.write(key, entry);
}
