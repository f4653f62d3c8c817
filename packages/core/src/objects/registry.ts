import type { Change } from "../diff/change.js";
import type { DiffContext } from "../diff/context.js";
import type { Collection } from "../model/state.js";
import { columnSteps } from "./column/column.steps.js";
import { commentSteps } from "./comment/comment.steps.js";
import { diffConstraints } from "./constraint/constraint.diff.js";
import { constraintSteps } from "./constraint/constraint.steps.js";
import { diffExtensions } from "./extension/extension.diff.js";
import { extensionSteps } from "./extension/extension.steps.js";
import { diffIndexes } from "./index/index.diff.js";
import { indexSteps } from "./index/index.steps.js";
import { partitionSteps } from "./partition/partition.steps.js";
import { diffSchemas } from "./schema/schema.diff.js";
import { schemaSteps } from "./schema/schema.steps.js";
import { diffSequences } from "./sequence/sequence.diff.js";
import { sequenceSteps } from "./sequence/sequence.steps.js";
import type { ExpandContext, StepDraft, StepHandlers } from "./step.js";
import { diffTables } from "./table/table.diff.js";
import { tableSteps } from "./table/table.steps.js";
import { unsupported } from "./unsupported/unsupported.diff.js";

/**
 * The two dispatch tables of the differ and planner, both exhaustive by type:
 * - DIFFERS: one differ per SchemaState collection (a new collection in the model fails to compile
 *   until it has one here);
 * - STEPS: one step handler per change kind of the Change union.
 */
export const DIFFERS: { readonly [C in Collection]: (ctx: DiffContext) => readonly Change[] } = {
  schemas: diffSchemas,
  extensions: diffExtensions,
  types: unsupported("types"),
  sequences: diffSequences,
  tables: diffTables,
  constraints: diffConstraints,
  indexes: diffIndexes,
  views: unsupported("views"),
  materializedViews: unsupported("materializedViews"),
  functions: unsupported("functions"),
  aggregates: unsupported("aggregates"),
  triggers: unsupported("triggers"),
  eventTriggers: unsupported("eventTriggers"),
  policies: unsupported("policies"),
  defaultPrivileges: unsupported("defaultPrivileges"),
};

export const STEPS: StepHandlers<Change> = {
  ...schemaSteps,
  ...extensionSteps,
  ...sequenceSteps,
  ...tableSteps,
  ...partitionSteps,
  ...columnSteps,
  ...constraintSteps,
  ...indexSteps,
  ...commentSteps,
};

/** The steps of one change, through its kind's handler. */
export function expandChange(change: Change, ctx: ExpandContext): readonly StepDraft[] {
  // The mapped type guarantees STEPS[change.kind] accepts exactly this change's type; TypeScript
  // cannot correlate the two through the union, hence the one cast.
  const handler = STEPS[change.kind] as (change: Change, ctx: ExpandContext) => readonly StepDraft[];
  return handler(change, ctx);
}
