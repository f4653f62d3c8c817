/** The options a plan is computed with: the online rewrites to use and what else to manage. */
export interface PlanOptions {
  /** FK and CHECK constraints are added NOT VALID, then validated in autocommit (default true). */
  readonly autoNotValid: boolean;
  /** SET NOT NULL on tables with at least this many reltuples uses the CHECK-based pattern (default 10000). */
  readonly setNotNullReltuplesHint: number;
  /** Re-diff the plan applied to a scratch copy before returning it (default true). */
  readonly verify: boolean;
  /**
   * Emit `ALTER … OWNER TO` where owners differ (default false: the desired state is loaded by
   * whichever role runs the scratch load, so its owners rarely mean anything; see objects/owner).
   */
  readonly manageOwners?: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  autoNotValid: true,
  setNotNullReltuplesHint: 10_000,
  verify: true,
  manageOwners: false,
};
