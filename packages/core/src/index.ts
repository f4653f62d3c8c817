export * from "./errors.js";
export * from "./model/ids.js";
export * from "./model/state.js";
export * from "./plan/plan.js";
export * from "./redact.js";
export * from "./report/plan-report.js";
export * from "./sql/quote.js";
