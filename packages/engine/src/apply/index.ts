export { type ApplyPlanOutcome, applyPlan } from "./apply-plan.js";
