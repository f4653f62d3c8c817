import type { Plan } from "@pg-flux/core";
import type { Format } from "./commands/options.js";
import { renderers } from "./engine.js";
import { savedPlan, serializePlan } from "./saved-plan.js";

/** A plan in the format the user asked for. */
export function renderPlan(
  plan: Plan,
  format: Format,
  options: { readonly color: boolean; readonly schemas: readonly string[] | null },
): string {
  switch (format) {
    case "human":
      return renderers().renderHuman(plan, { color: options.color });
    case "sql":
      return renderers().renderSql(plan);
    case "json":
      return serializePlan(savedPlan(plan, options.schemas));
    case "markdown":
      return renderers().renderMarkdown(plan);
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}
