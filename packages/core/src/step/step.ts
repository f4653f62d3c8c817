/**
 * What a step is made of — its transaction mode, lock, hazards — and how a kind's step handlers
 * build one. This layer sits below `objects/` (every `*.steps.ts` uses it) and `plan/` (the planner
 * orders the drafts), so neither needs the other to speak of steps.
 */
import type { ChangeDeps } from "../diff/change-base.js";
import type { SchemaState, ServerInfo } from "../model/state.js";
import type { PlanOptions } from "./plan-options.js";

/** Lock modes, weakest first (PostgreSQL "Table-Level Locks"). */
export const LOCK_LEVELS = [
  "none",
  "access_share",
  "row_share",
  "row_exclusive",
  "share_update_exclusive",
  "share",
  "share_row_exclusive",
  "exclusive",
  "access_exclusive",
] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];

export const HAZARD_KINDS = [
  /** Rows, columns or whole objects holding data are removed (drop table/column/schema/sequence, enum value removal, narrowing that can fail). */
  "DATA_LOSS",
  /** The statement rewrites the whole table (type change with a different storage, adding a stored generated column). */
  "TABLE_REWRITE",
  /** ACCESS EXCLUSIVE is held while the table is scanned or rewritten: readers and writers wait. */
  "LONG_LOCK",
  /** An index is built: I/O and time proportional to the table, even when concurrent. */
  "INDEX_BUILD",
  /** An index is dropped: queries that used it may become slow. */
  "INDEX_DROPPED",
  /** Who may see or change what changes: policies, RLS, grants, ownership, SECURITY DEFINER. */
  "AUTHZ_UPDATE",
  /**
   * A role is dropped (`--manage-roles`): whoever logs in as it, or inherits from it, on every
   * database of the cluster loses it. Blocking like DATA_LOSS, and allowed on its own.
   */
  "ROLE_DROP",
  /**
   * A publication is dropped, or a table or schema leaves one (its row filter or column list
   * changed: taken out and put back): subscribers stop receiving its changes, and a subscription
   * whose publication is gone fails. Blocking like DATA_LOSS, and allowed on its own.
   */
  "PUBLICATION_DROP",
] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

export interface Hazard {
  readonly kind: HazardKind;
  /** Why this step carries the hazard, in one sentence a reviewer can act on. */
  readonly reason: string;
}

/** Transactional steps run grouped in BEGIN/COMMIT; autocommit steps run alone (CONCURRENTLY, VALIDATE, …). */
export type TransactionMode = "transactional" | "autocommit";

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
