import {
  InvalidInputError,
  type Problem,
  quoteIdent,
  quoteLiteral,
  RENAMEABLE_KINDS,
  type Rename,
  type RenameableKind,
  type SchemaState,
} from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";
import {
  analyzeScript,
  type LoadStep,
  loadParser,
  type RenameHint,
  readSources,
  resolveHints,
  type SourceInput,
} from "@pg-flux/parser";
import type pg from "pg";
import { type ScratchHost, withClient, withScratchDatabase } from "./scratch.js";

/** The desired state and the user's rename hints, read from SQL sources. */
export interface DesiredLoad {
  readonly state: SchemaState;
  readonly hints: readonly RenameHint[];
  readonly warnings: readonly string[];
}

export interface LoadDesiredOptions {
  readonly host: ScratchHost;
  readonly schemas?: readonly string[] | null;
  readonly cwd?: string;
}

/**
 * Loads desired-state SQL into a scratch database and reads it back with the inspector (decision
 * 0003). Interim: a thin stand-in on the parser's pipeline until the desired-state loader
 * (`packages/engine/src/desired/`, issue 4) lands; then this delegates to `loadDesiredState`.
 */
export async function loadDesired(
  sources: readonly SourceInput[],
  options: LoadDesiredOptions,
): Promise<DesiredLoad> {
  await loadParser();
  const script = analyzeScript(readSources(sources, options.cwd ? { cwd: options.cwd } : {}));
  if (script.problems.length > 0) throw new InvalidInputError(script.problems);
  const state = await withScratchDatabase(options.host, async (db) => {
    await withClient(db.url, async (client) => {
      if (options.host.placement === "embedded") await createMissingRoles(client, script.roles);
      await runInOrder(client, script.steps);
    });
    const schemas = options.schemas;
    return inspect(db.url, schemas ? { schemas } : {});
  });
  return { state, hints: script.hints, warnings: options.host.warnings };
}

/** Roles the files name but an embedded scratch server lacks are created there, NOLOGIN. */
async function createMissingRoles(client: pg.ClientBase, roles: readonly string[]): Promise<void> {
  for (const role of roles) {
    await client.query(
      `do $$ begin if not exists (select from pg_roles where rolname = ${quoteLiteral(role)}) then create role ${quoteIdent(role)} nologin; end if; end $$`,
    );
  }
}

/**
 * Runs the load steps in the parser's order; statements that fail are retried after the others
 * until a pass makes no progress (an order the AST could not see), then every failure is reported at
 * its source location.
 */
async function runInOrder(client: pg.ClientBase, steps: readonly LoadStep[]): Promise<void> {
  let pending = [...steps];
  for (;;) {
    const failed: { step: LoadStep; error: unknown }[] = [];
    for (const step of pending) {
      try {
        await client.query("begin");
        for (const setting of step.settings) await client.query(setting.script.sql);
        await client.query(step.statement.script.sql);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        failed.push({ step, error });
      }
    }
    if (failed.length === 0) return;
    if (failed.length === pending.length) {
      const problems: Problem[] = failed.map(({ step, error }) => ({
        message: error instanceof Error ? error.message : String(error),
        location: step.statement.location,
        hint: "the statement failed in the scratch database",
      }));
      throw new InvalidInputError(problems);
    }
    pending = failed.map((f) => f.step);
  }
}

/**
 * Resolves rename hints against the current state (issue 4's rules) into the renames the planner
 * takes. Hint kinds the planner cannot rename yet are reported as warnings: the plan shows them as
 * drop + create, and the hazard gate stops any data loss that follows.
 */
export function renamesFromHints(
  hints: readonly RenameHint[],
  current: SchemaState,
  desired: SchemaState,
): { readonly renames: readonly Rename[]; readonly warnings: readonly string[] } {
  const resolution = resolveHints(hints, current, desired);
  if (resolution.problems.length > 0) throw new InvalidInputError(resolution.problems);
  const renames: Rename[] = [];
  const warnings: string[] = [];
  for (const resolved of resolution.hints) {
    if (resolved.status !== "rename") continue;
    const kind = RENAMEABLE_KINDS.find((k): k is RenameableKind => k === resolved.hint.kind);
    if (kind) renames.push({ kind, from: resolved.fromId, to: resolved.hint.targetId });
    else
      warnings.push(
        `renaming a ${resolved.hint.kind} is not planned yet: ${resolved.fromId} → ${resolved.hint.targetId}`,
      );
  }
  return { renames, warnings };
}
