import type { ChangeDeps } from "../diff/change-base.js";
import type { SchemaState, ServerInfo } from "../model/state.js";
import type { Hazard, HazardKind, LockLevel, PlanOptions, TransactionMode } from "../plan/plan.js";

/**
 * What a change expands into before the planner gives it an id and a place: one SQL statement with
 * its transaction mode, lock, hazards and priority. A change's steps run in the order returned (the
 * planner chains them); each step inherits the change's declared ids unless it sets `deps`.
 */
export interface StepDraft {
  /** The step kind (`add_constraint_not_valid`, `validate_constraint`, …). */
  readonly kind: string;
  readonly sql: string;
  readonly transaction: TransactionMode;
  readonly lock: { readonly level: LockLevel; readonly on: string } | null;
  readonly hazards: readonly Hazard[];
  readonly priority: number;
  readonly longRunning: boolean;
  /** Overrides the change's declarations for this one step. */
  readonly deps?: ChangeDeps;
}

export interface ExpandContext {
  readonly options: PlanOptions;
  /** The server the plan will run on (the current state's), with the role it runs as. */
  readonly server: ServerInfo;
  /** The current state's default privileges: what objects the plan creates start with (privilege/creation-acl.ts). */
  readonly defaultPrivileges: SchemaState["defaultPrivileges"];
}

/** A change kind's step handlers: one per change kind of its union, checked exhaustive by the type. */
export type StepHandlers<C extends { readonly kind: string }> = {
  readonly [K in C["kind"]]: (
    change: Extract<C, { readonly kind: K }>,
    ctx: ExpandContext,
  ) => readonly StepDraft[];
};

/** A transactional, short, hazard-free step: the common case. */
export function txStep(
  kind: string,
  sql: string,
  priority: number,
  extra: Partial<Omit<StepDraft, "kind" | "sql" | "priority">> = {},
): StepDraft {
  return {
    kind,
    sql,
    priority,
    transaction: extra.transaction ?? "transactional",
    lock: extra.lock ?? null,
    hazards: extra.hazards ?? [],
    longRunning: extra.longRunning ?? false,
    ...(extra.deps ? { deps: extra.deps } : {}),
  };
}

/** A statement that must run outside a transaction block (CONCURRENTLY, VALIDATE by choice). */
export function autocommitStep(
  kind: string,
  sql: string,
  priority: number,
  extra: Partial<Omit<StepDraft, "kind" | "sql" | "priority" | "transaction">> = {},
): StepDraft {
  return txStep(kind, sql, priority, { longRunning: true, ...extra, transaction: "autocommit" });
}

export function hazard(kind: HazardKind, reason: string): Hazard {
  return { kind, reason };
}

export function lockOn(level: LockLevel, on: string): { readonly level: LockLevel; readonly on: string } {
  return { level, on };
}
