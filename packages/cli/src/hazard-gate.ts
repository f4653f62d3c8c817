import type { HazardKind, Plan } from "@pg-flux/core";
import { reportApply } from "./apply-output.js";
import type { CommandContext } from "./command.js";
import { engine } from "./engine.js";

/**
 * The engine's hazard gate (`hazardRefusal`, the one `applyMigration` runs) as the CLI shows it:
 * when the plan holds blocking hazards `allowed` does not cover, prints the refusal as `migrate
 * apply` prints it (its fixed first line, each hazard with its step, the flag to pass), sets exit 3
 * and returns true. `--fail-on-hazards` and dry runs use it, so a review fails on exactly what the
 * deployment would refuse.
 */
export function refuseBlockingHazards(
  plan: Plan,
  allowed: readonly HazardKind[] | "all",
  context: CommandContext,
): boolean {
  const refusal = engine().hazardRefusal(plan, allowed);
  if (!refusal) return false;
  context.exitCode = reportApply(refusal, context);
  return true;
}
