import type { Change } from "../diff/change.js";
import type { DiffContext } from "../diff/context.js";
import type { Collection, DefinitionCollection } from "../model/state.js";
import type { ExpandContext, StepDraft, StepHandlers } from "../step/step.js";
import { diffAggregates } from "./aggregate/aggregate.diff.js";
import { aggregateSteps } from "./aggregate/aggregate.steps.js";
import { diffCollations } from "./collation/collation.diff.js";
import { collationSteps } from "./collation/collation.steps.js";
import { columnSteps } from "./column/column.steps.js";
import { commentSteps } from "./comment/comment.steps.js";
import { compositeSteps } from "./composite/composite.steps.js";
import { diffConstraints } from "./constraint/constraint.diff.js";
import { constraintSteps } from "./constraint/constraint.steps.js";
import { defaultPrivilegeSteps } from "./default-privilege/default-privilege.steps.js";
import { diffDefinitions } from "./definition/definition.diff.js";
import { DEFINITION_COLLECTIONS } from "./definition/definition.spec.js";
import { definitionSteps } from "./definition/definition.steps.js";
import { domainSteps } from "./domain/domain.steps.js";
import { enumSteps } from "./enum/enum.steps.js";
import { diffEventTriggers } from "./event-trigger/event-trigger.diff.js";
import { eventTriggerSteps } from "./event-trigger/event-trigger.steps.js";
import { diffExtensions } from "./extension/extension.diff.js";
import { extensionSteps } from "./extension/extension.steps.js";
import { diffFunctions } from "./function/function.diff.js";
import { functionSteps } from "./function/function.steps.js";
import { diffIndexes } from "./index/index.diff.js";
import { indexSteps } from "./index/index.steps.js";
import { diffMaterializedViews } from "./materialized-view/materialized-view.diff.js";
import { materializedViewSteps } from "./materialized-view/materialized-view.steps.js";
import { ownerSteps } from "./owner/owner.steps.js";
import { partitionSteps } from "./partition/partition.steps.js";
import { diffPolicies } from "./policy/policy.diff.js";
import { policySteps } from "./policy/policy.steps.js";
import { diffAuthorization } from "./privilege/authorization.diff.js";
import { privilegeSteps } from "./privilege/privilege.steps.js";
import { roleSteps } from "./role/role.steps.js";
import { diffSchemas } from "./schema/schema.diff.js";
import { schemaSteps } from "./schema/schema.steps.js";
import { diffSequences } from "./sequence/sequence.diff.js";
import { sequenceSteps } from "./sequence/sequence.steps.js";
import { diffStatistics } from "./statistics/statistics.diff.js";
import { statisticsSteps } from "./statistics/statistics.steps.js";
import { diffTables } from "./table/table.diff.js";
import { tableSteps } from "./table/table.steps.js";
import { diffTriggers } from "./trigger/trigger.diff.js";
import { triggerSteps } from "./trigger/trigger.steps.js";
import { diffTypes } from "./type/type.diff.js";
import { typeSteps } from "./type/type.steps.js";
import { diffViews } from "./view/view.diff.js";
import { viewSteps } from "./view/view.steps.js";

type Differ = (ctx: DiffContext) => readonly Change[];

/** The definition kinds (objects/definition) share one differ, made for each collection. */
const DEFINITION_DIFFERS = Object.fromEntries(
  DEFINITION_COLLECTIONS.map((collection) => [collection, diffDefinitions(collection)]),
) as { readonly [C in DefinitionCollection]: Differ };

/**
 * The two dispatch tables of the differ and planner, both exhaustive by type:
 * - DIFFERS: one differ per SchemaState collection (a new collection in the model fails to compile
 *   until it has one here, or is a definition kind);
 * - STEPS: one step handler per change kind of the Change union.
 */
export const DIFFERS: { readonly [C in Collection]: Differ } = {
  ...DEFINITION_DIFFERS,
  schemas: diffSchemas,
  extensions: diffExtensions,
  collations: diffCollations,
  types: diffTypes,
  sequences: diffSequences,
  tables: diffTables,
  constraints: diffConstraints,
  indexes: diffIndexes,
  views: diffViews,
  materializedViews: diffMaterializedViews,
  functions: diffFunctions,
  aggregates: diffAggregates,
  triggers: diffTriggers,
  eventTriggers: diffEventTriggers,
  policies: diffPolicies,
  statistics: diffStatistics,
  defaultPrivileges: diffAuthorization, // owners + grants on every kind + default privileges
};

export const STEPS: StepHandlers<Change> = {
  ...roleSteps,
  ...schemaSteps,
  ...extensionSteps,
  ...collationSteps,
  ...sequenceSteps,
  ...tableSteps,
  ...partitionSteps,
  ...columnSteps,
  ...constraintSteps,
  ...indexSteps,
  ...statisticsSteps,
  ...viewSteps,
  ...materializedViewSteps,
  ...functionSteps,
  ...aggregateSteps,
  ...triggerSteps,
  ...eventTriggerSteps,
  ...typeSteps,
  ...enumSteps,
  ...compositeSteps,
  ...domainSteps,
  ...policySteps,
  ...privilegeSteps,
  ...defaultPrivilegeSteps,
  ...ownerSteps,
  ...commentSteps,
  ...definitionSteps,
};

/** The steps of one change, through its kind's handler. */
export function expandChange(change: Change, ctx: ExpandContext): readonly StepDraft[] {
  // The mapped type guarantees STEPS[change.kind] accepts exactly this change's type; TypeScript
  // cannot correlate the two through the union, hence the one cast.
  const handler = STEPS[change.kind] as (change: Change, ctx: ExpandContext) => readonly StepDraft[];
  return handler(change, ctx);
}
