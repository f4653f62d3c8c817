/**
 * Core's leaf modules — errors and their classification, connection strings and their redaction, `nearest`,
 * the hazard kinds and state collections — as `@pg-flux/core/basics`: importable without the model,
 * differ and planner behind `@pg-flux/core`. The CLI's static imports come from here, so that
 * `pg-flux --help` and usage errors load none of the planner (bench/startup.mjs measures it); the
 * same modules are behind both entries, so classes compare equal (`instanceof`) across them.
 */
export * from "./connection/connection-string.js";
export * from "./connection/redact.js";
export * from "./errors.js";
export type { Collection } from "./model/state.js";
export { COLLECTIONS } from "./objects/kinds.js";
export { HAZARD_KINDS, type HazardKind } from "./step/step.js";
export * from "./text/edit-distance.js";
