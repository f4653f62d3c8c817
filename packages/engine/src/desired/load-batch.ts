import type { LoadStep, Statement } from "@pg-flux/parser";
import { type AppliedSettings, isLocalSetting, type SessionSettings } from "./session-settings.js";

/**
 * Most steps one batch holds. Each step runs under a savepoint, and a transaction keeps the ids of
 * its first 64 subtransactions in shared memory: past that, every other session on the server (the
 * target's, when the scratch database lives there) takes a slower path to read its snapshots until
 * the batch commits. 50 stays under it and still cuts round trips fiftyfold.
 */
export const BATCH_SIZE = 50;

/**
 * The savepoint batch step `position` runs under. Names differ per step so that rolling back to the
 * step taken as failing can never undo a step after it: were the count of completed commands off
 * (a psql variable expanding to two statements), the rollback goes further back (those steps run
 * again) or fails (the whole batch goes again statement by statement), and no step is lost.
 */
export function stepSavepoint(position: number): string {
  return `pgflux_step_${position}`;
}

/**
 * Steps sent as one multi-statement query, `BEGIN; SAVEPOINT …; <SETs>; <statement>; RELEASE …; …;
 * COMMIT`. When a statement fails the server skips the rest of the text; the number of commands it
 * completed before the error (its CommandComplete messages) says which step failed; rolling back to that
 * step's savepoint keeps every step before it.
 */
export interface Batch {
  readonly steps: readonly LoadStep[];
  readonly text: string;
  /** For each command of `text`, in order: the index of the step it belongs to (-1: BEGIN, COMMIT). */
  readonly commandSteps: readonly number[];
  /** The session's settings before each step (after the steps before it). */
  readonly appliedBefore: readonly AppliedSettings[];
  /** The session's settings after the batch committed. */
  readonly applied: AppliedSettings;
}

/**
 * The longest run of steps from `from` that can share one transaction: it stops before a statement
 * that must run alone, a step that needs a setting RESET (that goes through the session first) or a
 * SET LOCAL, and at `limit` steps. Null when `steps[from]` itself takes the per-statement path.
 */
export function composeBatch(
  steps: readonly LoadStep[],
  from: number,
  session: SessionSettings,
  limit: number = BATCH_SIZE,
): Batch | null {
  const applied = new Map(session.applied);
  const taken: LoadStep[] = [];
  const appliedBefore: AppliedSettings[] = [];
  const commands: string[] = ["begin"];
  const commandSteps: number[] = [-1];
  for (let index = from; index < steps.length && taken.length < limit; index++) {
    const step = steps[index] as LoadStep;
    const changes = session.changes(step.settings, applied);
    if (
      runsAlone(step.statement) ||
      session.stale(step.settings, applied).length > 0 ||
      changes.some(([, statement]) => isLocalSetting(statement))
    )
      break;
    const position = taken.length;
    appliedBefore.push(new Map(applied));
    const add = (sql: string) => {
      commands.push(sql);
      commandSteps.push(position);
    };
    add(`savepoint ${stepSavepoint(position)}`);
    for (const [name, statement] of changes) {
      applied.set(name, statement);
      add(statement.script.sql);
    }
    add(step.statement.script.sql);
    add(`release savepoint ${stepSavepoint(position)}`);
    taken.push(step);
  }
  if (taken.length === 0) return null;
  commands.push("commit");
  commandSteps.push(-1);
  // each command on its own lines: a statement may end in a `--` comment
  const text = commands.map((sql) => `${sql}\n;\n`).join("");
  return { steps: taken, text, commandSteps, appliedBefore, applied };
}

/**
 * Statements that cannot run inside a transaction block, or whose effect a later statement of the
 * same transaction cannot use; they run alone, in autocommit, as psql runs them. Others that fail in
 * a batch for such a reason (a DO block that COMMITs) still load: the failing step of a batch is
 * always run again by itself.
 */
export function runsAlone(statement: Statement): boolean {
  const node = statement.node as {
    IndexStmt?: { concurrent?: boolean };
    AlterEnumStmt?: unknown;
    ClusterStmt?: { relation?: unknown };
    AlterTableStmt?: { cmds?: readonly unknown[] };
  };
  // CREATE INDEX CONCURRENTLY: "cannot run inside a transaction block"
  if (node.IndexStmt) return node.IndexStmt.concurrent === true;
  // ALTER TYPE … ADD VALUE: the new value is unusable until its transaction commits
  if (node.AlterEnumStmt) return true;
  // CLUSTER with no table: not in a transaction block
  if (node.ClusterStmt) return node.ClusterStmt.relation === undefined;
  // ALTER TABLE … DETACH PARTITION … CONCURRENTLY
  if (node.AlterTableStmt) return (node.AlterTableStmt.cmds ?? []).some(detachesConcurrently);
  return false;
}

function detachesConcurrently(cmd: unknown): boolean {
  const sub = (
    cmd as { AlterTableCmd?: { subtype?: string; def?: { PartitionCmd?: { concurrent?: boolean } } } }
  ).AlterTableCmd;
  return sub?.subtype === "AT_DetachPartition" && sub.def?.PartitionCmd?.concurrent === true;
}
