export {
  type ApplyFleetOptions,
  applyFleet,
  type FleetApplyResult,
  type FleetProgress,
  type FleetStopReason,
  type TargetOutcome,
  type TargetStatus,
} from "./apply-fleet.js";
export {
  assertNoPlaceholder,
  renameSchemaToken,
  TENANT_PLACEHOLDER,
  tenantNameProblem,
} from "./placeholder.js";
export {
  type FleetGroup,
  type FleetPlan,
  type ListedTarget,
  type ListFleetOptions,
  listFleet,
  type PlanFleetOptions,
  type PlannedTarget,
  planFleet,
  planForTarget,
} from "./plan-fleet.js";
export { FLEET_OUTCOMES_TABLE } from "./record.js";
export {
  type FleetDatabase,
  type FleetTarget,
  parseFleetDatabases,
  parseTenantSelector,
  readTargetsFile,
  resolveFleetTargets,
  singleDatabase,
  type TenantSelector,
} from "./targets.js";
