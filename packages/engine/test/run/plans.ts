import { fingerprint, groupSteps, type Hazard, type Plan, type Step } from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";

export interface StepSpec {
  readonly sql: string;
  readonly autocommit?: boolean;
  readonly longRunning?: boolean;
  readonly hazards?: readonly Hazard[];
}

/** A plan of hand-written steps, for runner tests that must not depend on the planner. */
export function planOf(specs: readonly StepSpec[], currentFingerprint = "fnv1a64:unknown"): Plan {
  const steps: Step[] = specs.map((spec, index) => ({
    id: `raw:step${index + 1}`,
    kind: "raw",
    sql: spec.sql,
    objectId: `raw:${index + 1}`,
    transaction: spec.autocommit ? "autocommit" : "transactional",
    lock: null,
    hazards: spec.hazards ?? [],
    priority: 50,
    dependsOn: index === 0 ? [] : [`raw:step${index}`],
    longRunning: spec.longRunning ?? spec.autocommit ?? false,
  }));
  return {
    formatVersion: 1,
    steps,
    groups: groupSteps(steps),
    currentFingerprint,
    desiredFingerprint: "fnv1a64:unknown",
    options: { autoNotValid: true, setNotNullReltuplesHint: 10_000, verify: true },
    warnings: [],
  };
}

/** The same plan, made from the database's current fingerprint (so apply accepts it). */
export async function livePlanOf(url: string, specs: readonly StepSpec[]): Promise<Plan> {
  return planOf(specs, fingerprint(await inspect(url)));
}
