import {
  type Plan,
  type PlanOptions,
  plan as planStates,
  type SchemaState,
  type UnmanagedObject,
  unmanagedTargetWarnings,
  unmanagedWarnings,
} from "@pg-flux/core";
import { inspectWithStats, readOptions } from "@pg-flux/inspector";
import type { SourceInput } from "@pg-flux/parser";
import { loadDesiredState } from "../desired/load-desired-state.js";
import { openScratchHost, type ScratchHost } from "../desired/scratch-host.js";
import { renamesFromHints } from "./renames.js";
import { type DiffSide, diffSide } from "./source-spec.js";

export interface DiffSourcesOptions {
  /** The state to migrate from: a database URL, or SQL files, directories or `{ name, text }`. */
  readonly from: SourceInput | readonly SourceInput[];
  /** The state to migrate to, the same way (its rename hints apply). */
  readonly to: SourceInput | readonly SourceInput[];
  readonly schemas?: readonly string[] | null;
  readonly shadowUrl?: string | undefined;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
  readonly options?: Partial<PlanOptions>;
  readonly cwd?: string;
}

export interface SourcesDiff {
  readonly plan: Plan;
  readonly from: SchemaState;
  readonly to: SchemaState;
  readonly warnings: readonly string[];
}

/**
 * The migration between any two schema sources (`pg-flux diff --from … --to …`). SQL sides are
 * normalized in scratch databases: on `shadowUrl`, else in an embedded PostgreSQL of a URL side's
 * major (18 when both sides are SQL) — so two files diff on a machine with no PostgreSQL installed,
 * and a URL side is only read. Rename hints of the `to` side are resolved against the `from` side.
 */
export async function diffSources(input: DiffSourcesOptions): Promise<SourcesDiff> {
  const from = diffSide(input.from);
  const to = diffSide(input.to);
  const schemas = input.schemas ?? null;
  const urlSide = [from, to].find((side) => side.kind === "database");
  let host: ScratchHost | null = null;
  const scratch = async () => {
    host ??= await openScratchHost({
      shadowUrl: input.shadowUrl,
      targetUrl: urlSide?.kind === "database" ? urlSide.url : undefined,
    });
    return host;
  };
  try {
    const read = async (side: DiffSide) => {
      if (side.kind === "database") {
        const { state, unmanaged } = await inspectWithStats(
          side.url,
          readOptions(schemas, input.readLockTimeout),
        );
        return { state, unmanaged, hints: [], warnings: [] };
      }
      const none: readonly UnmanagedObject[] = []; // the loader refuses them
      const loaded = await loadDesiredState(side.sources, {
        host: await scratch(),
        ...(schemas ? { schemas } : {}),
        ...(input.cwd ? { cwd: input.cwd } : {}),
      });
      return { ...loaded, unmanaged: none };
    };
    const fromState = await read(from);
    const toState = await read(to);
    const { renames, warnings: renameWarnings } = renamesFromHints(
      toState.hints,
      fromState.state,
      toState.state,
    );
    const planned = planStates(fromState.state, toState.state, {
      renames,
      schemas,
      options: { ...input.options, verify: false },
    });
    const warnings = [
      ...new Set([
        ...planned.warnings,
        ...fromState.warnings,
        ...toState.warnings,
        ...renameWarnings,
        ...unmanagedWarnings(fromState.unmanaged, planned),
        ...unmanagedTargetWarnings(toState.unmanaged),
      ]),
    ];
    return { plan: { ...planned, warnings }, from: fromState.state, to: toState.state, warnings };
  } finally {
    await (host as ScratchHost | null)?.close();
  }
}
