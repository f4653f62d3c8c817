import {
  connectionSecrets,
  DEFAULT_PLAN_OPTIONS,
  fingerprint,
  ids,
  type Plan,
  type PlanOptions,
  plan as planStates,
  redactSecrets,
  type SchemaState,
} from "@pg-flux/core";
import { inspectEach, readOptions } from "@pg-flux/inspector";
import type { SourceInput } from "@pg-flux/parser";
import type { DesiredCacheOptions } from "../desired/cache/desired-cache.js";
import { type DesiredState, loadDesiredState } from "../desired/load-desired-state.js";
import { openScratchHost, type ScratchHost } from "../desired/scratch-host.js";
import { renamesFromHints } from "../migrate/renames.js";
import { verifyPlan } from "../migrate/verify.js";
import {
  assertNoPlaceholder,
  desiredForTenant,
  renameSchemaToken,
  TENANT_PLACEHOLDER,
  tenantAsPlaceholder,
} from "./placeholder.js";
import { forEachLimited } from "./pool.js";
import type { FleetTarget } from "./targets.js";

export interface PlanFleetOptions {
  readonly targets: readonly FleetTarget[];
  /** The desired schema of one tenant: unqualified names, or `__tenant__.name` (TENANT_PLACEHOLDER). */
  readonly sources: readonly SourceInput[];
  /** A server for the scratch work instead of an embedded PostgreSQL of the first target's major. */
  readonly shadowUrl?: string | undefined;
  /** An open scratch host to use (and not close). */
  readonly scratchHost?: ScratchHost | undefined;
  readonly options?: Partial<PlanOptions>;
  readonly readLockTimeout?: string | undefined;
  /** How many databases are read at once (default 4); a database's tenant schemas are one read. */
  readonly inspectConcurrency?: number;
  /** A folder of normalized desired states (see loadDesiredState's `cache`). Default: none. */
  readonly cache?: DesiredCacheOptions | undefined;
  readonly cwd?: string;
  /** Stops inspecting: the plan then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each target is inspected (for a progress line). */
  readonly onInspected?: (done: number, total: number) => void;
}

/** Targets whose schemas are identical (same fingerprint once the tenant schema is the placeholder). */
export interface FleetGroup {
  /** 1-based, in order of the first target of each group. */
  readonly index: number;
  /** Fingerprint of the group's current state, tenant schema as the placeholder. */
  readonly fingerprint: string;
  readonly targets: readonly string[];
  /** Planned and verified once for the whole group; SQL names the placeholder (see planForTarget). */
  readonly plan: Plan;
}

export interface PlannedTarget {
  readonly target: FleetTarget;
  /** The group's index, or null when the target could not be inspected (`error`). */
  readonly group: number | null;
  /** The fingerprint apply checks before its first step (the tenant's own names). */
  readonly liveFingerprint: string | null;
  readonly error: string | null;
}

export interface FleetPlan {
  /** Fingerprint of the desired state with the placeholder: the same for every tenant. */
  readonly desiredFingerprint: string;
  readonly groups: readonly FleetGroup[];
  /** Every target, in the order given. */
  readonly targets: readonly PlannedTarget[];
  readonly warnings: readonly string[];
  readonly options: PlanOptions;
}

/**
 * Plans a fleet: loads the desired schema once (into the placeholder schema of a scratch database),
 * inspects every target (only reads), renames each tenant schema to the placeholder and groups
 * targets by the fingerprint of that state, then plans — and verifies on a scratch copy — once per
 * group: 2,000 identical tenants are one plan and one verification. A target that cannot be read
 * (connection refused, catalog locked) is listed with its error instead of failing the fleet.
 */
export async function planFleet(input: PlanFleetOptions): Promise<FleetPlan> {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const first = input.targets[0];
  if (!first) throw new Error("planFleet: no targets");
  const host =
    input.scratchHost ??
    (await openScratchHost({
      targetUrl: first.databaseUrl,
      ...(input.shadowUrl ? { shadowUrl: input.shadowUrl } : {}),
    }));
  try {
    const desired = await loadTenantDesired(input, host);
    const inspected = await inspectTargets(input);
    const groups = new Map<
      string,
      { targets: string[]; state: SchemaState; index: number; schema: string }
    >();
    const targets: PlannedTarget[] = inspected.map(({ target, state, live, error }) => {
      if (!state || !live) return { target, group: null, liveFingerprint: null, error };
      const key = fingerprint(state);
      let group = groups.get(key);
      if (!group) {
        group = { targets: [], state, index: groups.size + 1, schema: target.schema };
        groups.set(key, group);
      }
      group.targets.push(target.id);
      return { target, group: group.index, liveFingerprint: live, error: null };
    });
    const schemas = [TENANT_PLACEHOLDER];
    const planned: FleetGroup[] = [];
    for (const [key, group] of groups) {
      // a group's tenants read alike once renamed: its first tenant's name stands for all of them
      const wanted = withTenantSchemaOf(desiredForTenant(desired.state, group.schema), group.state);
      const { renames } = renamesFromHints(desired.hints, group.state, wanted);
      const plan = planStates(group.state, wanted, { renames, options, schemas });
      if (options.verify) await verifyPlan({ host, current: group.state, desired: wanted, plan, schemas });
      planned.push({ index: group.index, fingerprint: key, targets: group.targets, plan });
    }
    return {
      desiredFingerprint: fingerprint(desired.state),
      groups: planned,
      targets,
      warnings: [...new Set([...desired.warnings, ...planned.flatMap((group) => group.plan.warnings)])],
      options,
    };
  } finally {
    if (!input.scratchHost) await host.close();
  }
}

/**
 * The group's plan for one of its targets: the placeholder renamed to the target's schema, and the
 * target's own fingerprint as the state it applies to (apply refuses it when the tenant changed
 * since it was planned).
 */
export function planForTarget(fleet: FleetPlan, target: PlannedTarget): Plan {
  const group = fleet.groups.find((candidate) => candidate.index === target.group);
  if (!group || target.liveFingerprint === null) throw new Error(`target ${target.target.id} has no plan`);
  const plan = renameSchemaToken(group.plan, TENANT_PLACEHOLDER, target.target.schema);
  return { ...plan, currentFingerprint: target.liveFingerprint };
}

/**
 * The desired state with the tenant schema's own comment, grants and owner taken from the group's
 * current state, unless the desired SQL sets them (`COMMENT ON SCHEMA __tenant__`, `GRANT … ON
 * SCHEMA __tenant__`): a fleet manages what is in the tenant schema, and `public` (the schema of a
 * database of its own) or a tenant schema created with grants keeps them.
 */
export function withTenantSchemaOf(desired: SchemaState, current: SchemaState): SchemaState {
  const id = ids.schema(TENANT_PLACEHOLDER);
  const wanted = desired.schemas[id];
  const live = current.schemas[id];
  if (!wanted || !live) return desired;
  const schema = {
    ...wanted,
    owner: live.owner,
    comment: wanted.comment ?? live.comment,
    privileges: wanted.privileges.length > 0 ? wanted.privileges : live.privileges,
  };
  return { ...desired, schemas: { ...desired.schemas, [id]: schema } };
}

/**
 * The desired SQL loaded once, into the placeholder schema: a first source creates it and puts it
 * on the search path, so unqualified names land there and `__tenant__.name` names it outright.
 */
async function loadTenantDesired(input: PlanFleetOptions, host: ScratchHost): Promise<DesiredState> {
  const prelude: SourceInput = {
    name: "(fleet: the tenant schema)",
    text: `CREATE SCHEMA ${TENANT_PLACEHOLDER};\nSET search_path TO ${TENANT_PLACEHOLDER};\n`,
  };
  return loadDesiredState([prelude, ...input.sources], {
    host,
    schemas: [TENANT_PLACEHOLDER],
    ...(input.cwd ? { cwd: input.cwd } : {}),
    ...(input.cache ? { cache: input.cache } : {}),
  });
}

export interface ListFleetOptions {
  readonly targets: readonly FleetTarget[];
  readonly readLockTimeout?: string | undefined;
  /** How many databases are read at once (default 4); a database's tenant schemas are one read. */
  readonly inspectConcurrency?: number;
  readonly signal?: AbortSignal;
  readonly onInspected?: (done: number, total: number) => void;
}

export interface ListedTarget {
  readonly target: FleetTarget;
  /** Targets with the same fingerprint share a group (numbered by first appearance); null: not read. */
  readonly group: number | null;
  /** Fingerprint of the tenant's state with its schema as the placeholder; equal across identical tenants. */
  readonly fingerprint: string | null;
  readonly error: string | null;
}

/**
 * Every target with the fingerprint of its state (tenant schema as the placeholder), grouped like
 * planFleet groups them, without a desired schema: which tenants have drifted from the others.
 * Only reads.
 */
export async function listFleet(input: ListFleetOptions): Promise<readonly ListedTarget[]> {
  const inspected = await inspectTargets(input);
  const groups = new Map<string, number>();
  return inspected.map(({ target, state, error }) => {
    if (!state) return { target, group: null, fingerprint: null, error };
    const key = fingerprint(state);
    if (!groups.has(key)) groups.set(key, groups.size + 1);
    return { target, group: groups.get(key) ?? null, fingerprint: key, error: null };
  });
}

interface InspectedTarget {
  readonly target: FleetTarget;
  /** The tenant's state with its schema renamed to the placeholder. */
  readonly state: SchemaState | null;
  /** Fingerprint of the state as read (the tenant's own names). */
  readonly live: string | null;
  readonly error: string | null;
}

/**
 * Reads every target: the tenant schemas of one database in one inspection (`inspectEach`: one
 * catalog read for 1,000 tenants, not 1,000 reads that each scan every tenant's rows), databases
 * `inspectConcurrency` at a time. A database that cannot be read gives its error to each of its
 * targets.
 */
async function inspectTargets(input: ListFleetOptions): Promise<InspectedTarget[]> {
  const total = input.targets.length;
  const results: InspectedTarget[] = new Array(total);
  const databases = new Map<string, number[]>();
  input.targets.forEach((target, index) => {
    const indexes = databases.get(target.databaseUrl);
    if (indexes) indexes.push(index);
    else databases.set(target.databaseUrl, [index]);
  });
  let done = 0;
  await forEachLimited(
    [...databases],
    input.inspectConcurrency ?? 4,
    input.signal,
    async ([url, indexes]) => {
      const targets = indexes.map((index) => input.targets[index] as FleetTarget);
      let states: ReadonlyMap<string, SchemaState> | null = null;
      let failure: unknown = null;
      try {
        states = await inspectEach(
          url,
          targets.map((target) => target.schema),
          readOptions(null, input.readLockTimeout),
        );
      } catch (error) {
        failure = error;
      }
      indexes.forEach((index, i) => {
        results[index] = inspectedTarget(targets[i] as FleetTarget, states, failure);
      });
      done += indexes.length;
      input.onInspected?.(done, total);
    },
  );
  input.signal?.throwIfAborted();
  return results;
}

/** A target's state with its schema renamed to the placeholder, or its error (password masked). */
function inspectedTarget(
  target: FleetTarget,
  states: ReadonlyMap<string, SchemaState> | null,
  failure: unknown,
): InspectedTarget {
  try {
    if (failure !== null) throw failure;
    const state = states?.get(target.schema);
    if (!state) throw new Error(`target ${target.id}: schema ${target.schema} was not read`);
    assertNoPlaceholder(state, `target ${target.id}`);
    return {
      target,
      state: tenantAsPlaceholder(state, target.schema),
      live: fingerprint(state),
      error: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      target,
      state: null,
      live: null,
      error: redactSecrets(message, connectionSecrets(target.databaseUrl)),
    };
  }
}
