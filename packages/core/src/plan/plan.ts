/**
 * A plan: the ordered, hazard-annotated steps that move a database from the current SchemaState to
 * the desired one. Produced by the planner (pure), executed by the runner (engine), rendered by the
 * CLI. JSON-serializable so it can be saved (`migrate plan --out plan.json`) and applied later.
 */

import type { RoleScope } from "../objects/role/role.plan.js";
import type { PlanOptions } from "../step/plan-options.js";
import type { Hazard, HazardKind, LockLevel, TransactionMode } from "../step/step.js";

export interface Step {
  /** Unique and deterministic within the plan, e.g. `add_constraint:constraint:public.orders.orders_user_fk`. */
  readonly id: string;
  /** The change kind that produced it (`create_table`, `drop_view_early`, `validate_constraint`, …). */
  readonly kind: string;
  /** One SQL statement, terminated by `;`. */
  readonly sql: string;
  /** The object the step changes. */
  readonly objectId: string;
  readonly transaction: TransactionMode;
  /** The strongest lock the statement takes, and on what (object id); null for catalog-only objects. */
  readonly lock: { readonly level: LockLevel; readonly on: string } | null;
  readonly hazards: readonly Hazard[];
  /** Ordering priority among ready steps: lower runs first (the seed's ChangeDropViewEarly 3, CREATE_POLICY 12, …). */
  readonly priority: number;
  /** Ids of the steps this one must follow (the DAG's edges; every id is in the plan). */
  readonly dependsOn: readonly string[];
  /**
   * Long-running by design (VALIDATE, CONCURRENTLY, table rewrites): the runner uses no statement
   * timeout for these and short ones for catalog-only steps.
   */
  readonly longRunning: boolean;
}

export interface TransactionGroup {
  readonly transaction: TransactionMode;
  /** Indexes into `Plan.steps`, consecutive. */
  readonly steps: readonly number[];
}

export interface Plan {
  readonly formatVersion: 1;
  /** In execution order. */
  readonly steps: readonly Step[];
  /** The transaction boundaries of `steps`, in order. */
  readonly groups: readonly TransactionGroup[];
  /** Fingerprint of the current state the plan was computed from (a saved plan is refused when it no longer matches). */
  readonly currentFingerprint: string;
  /** Fingerprint of the desired state; after applying, the database's fingerprint equals it. */
  readonly desiredFingerprint: string;
  readonly options: PlanOptions;
  /** Non-blocking notes for the reviewer (e.g. a scratch server of a different major). */
  readonly warnings: readonly string[];
  /**
   * With `--manage-roles`: the roles the plan manages; `apply` reads them again and both
   * fingerprints cover them (planFingerprint). Absent: roles are not managed.
   */
  readonly roleScope?: RoleScope;
}

/** Consecutive transactional steps share a group; every autocommit step is a group of its own. */
export function groupSteps(steps: readonly Step[]): TransactionGroup[] {
  const groups: { transaction: TransactionMode; steps: number[] }[] = [];
  steps.forEach((step, index) => {
    const last = groups.at(-1);
    if (step.transaction === "transactional" && last?.transaction === "transactional") {
      last.steps.push(index);
    } else {
      groups.push({ transaction: step.transaction, steps: [index] });
    }
  });
  return groups;
}

/** Every hazard of the plan with the step that carries it. */
export function planHazards(plan: Plan): readonly { readonly step: Step; readonly hazard: Hazard }[] {
  return plan.steps.flatMap((step) => step.hazards.map((hazard) => ({ step, hazard })));
}

/**
 * Hazards that stop `apply` unless allowed: they lose data or block production traffic. The others
 * (INDEX_BUILD, INDEX_DROPPED, AUTHZ_UPDATE) are shown to reviewers but do not block.
 */
export const BLOCKING_HAZARDS: readonly HazardKind[] = [
  "DATA_LOSS",
  "TABLE_REWRITE",
  "LONG_LOCK",
  "ROLE_DROP",
  "PUBLICATION_DROP",
];

/** Blocking hazards not covered by `allowed` (`all` allows every kind). */
export function blockingHazards(
  plan: Plan,
  allowed: readonly HazardKind[] | "all",
): readonly { readonly step: Step; readonly hazard: Hazard }[] {
  if (allowed === "all") return [];
  return planHazards(plan).filter(
    ({ hazard }) => BLOCKING_HAZARDS.includes(hazard.kind) && !allowed.includes(hazard.kind),
  );
}

/**
 * Session settings every plan runs under (the runner, `applyPlan` and verification set them; a
 * rendered migration file states the ones it needs):
 * - `search_path = public`: unqualified names in steps mean `public.<name>` (see objects/sql.ts);
 * - `check_function_bodies = off`, as pg_dump does: a routine's body may name objects created
 *   later in the plan (a SQL function calling another, a plpgsql variable of a table's row type).
 *   The bodies were already checked when the desired schema was loaded into its scratch database.
 */
export const PLAN_SESSION_SETTINGS: readonly { readonly name: string; readonly value: string }[] = [
  { name: "search_path", value: "public" },
  { name: "check_function_bodies", value: "off" },
];

/** Step kinds that create or replace a routine body (the reason a file needs `check_function_bodies`). */
const ROUTINE_BODY_STEPS: ReadonlySet<string> = new Set(["create_function", "replace_function"]);

/** True when the plan creates or replaces routines, so its SQL file must relax body checks. */
export function planCreatesRoutines(plan: Plan): boolean {
  return plan.steps.some((step) => ROUTINE_BODY_STEPS.has(step.kind));
}
