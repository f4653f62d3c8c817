import type { HazardKind, Plan } from "@pg-flux/core";
import { engine } from "./engine.js";
import type { Io } from "./output.js";
import { redactSecrets } from "./output.js";

/**
 * The hazard gate as the CLI shows it: when the plan holds blocking hazards `allowed` does not
 * cover, prints the refusal (its fixed first line, each hazard with its step, the flag to pass) and
 * returns true; the caller exits 3. `migrate apply` and `--fail-on-hazards` share it, so a review
 * fails on exactly what the deployment would refuse.
 */
export function refuseBlockingHazards(plan: Plan, allowed: readonly HazardKind[] | "all", io: Io): boolean {
  const blocking = engine().gateHazards(plan, allowed);
  if (blocking.length === 0) return false;
  io.stderr(redactSecrets(`Error: ${engine().describeRefusal(blocking)}\n`));
  return true;
}
