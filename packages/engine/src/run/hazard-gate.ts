import { blockingHazards, type HazardKind, type Plan } from "@pg-flux/core";
import type { BlockingHazard } from "./result.js";

/** The first line of every hazard refusal, exactly as documented (seed: "Drop a column safely"). */
export const HAZARD_REFUSAL = "refusing to apply: blocking hazards; pass --allow-hazards or change schema";

/** The blocking hazards `allowed` does not cover, each with its step's index. */
export function gateHazards(plan: Plan, allowed: readonly HazardKind[] | "all"): readonly BlockingHazard[] {
  return blockingHazards(plan, allowed).map(({ step, hazard }) => ({
    stepIndex: plan.steps.indexOf(step),
    step,
    hazard,
  }));
}

/** The refusal: the fixed first line, then one line per hazard with its step and reason. */
export function describeRefusal(hazards: readonly BlockingHazard[]): string {
  const kinds = [...new Set(hazards.map((h) => h.hazard.kind))].join(",");
  return [
    HAZARD_REFUSAL,
    ...hazards.map(
      ({ stepIndex, step, hazard }) =>
        `  ${hazard.kind} at step ${stepIndex + 1} (${step.id}): ${hazard.reason}\n      ${firstLine(step.sql)}`,
    ),
    `To proceed: pass --allow-hazards=${kinds}`,
  ].join("\n");
}

function firstLine(sql: string): string {
  const line = sql.split("\n")[0] ?? "";
  return line.length < sql.length ? `${line} …` : line;
}
