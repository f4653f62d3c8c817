import { type Plan, renderHuman, renderMarkdown, renderSql } from "@pg-flux/core";
import type { Format } from "./commands/options.js";
import { savedPlan, serializePlan } from "./saved-plan.js";

/** A plan in the format the user asked for. */
export function renderPlan(
  plan: Plan,
  format: Format,
  options: { readonly color: boolean; readonly schemas: readonly string[] | null },
): string {
  switch (format) {
    case "human":
      return renderHuman(plan, { color: options.color });
    case "sql":
      return renderSql(plan);
    case "json":
      return serializePlan(savedPlan(plan, options.schemas));
    case "markdown":
      return renderMarkdown(plan);
    default: {
      const _exhaustive: never = format;
      return _exhaustive;
    }
  }
}
