import type { Collection, SchemaState, ServerInfo } from "../model/state.js";
import { aggregateKind } from "./aggregate/aggregate.kind.js";
import { castKind } from "./cast/cast.kind.js";
import { collationKind } from "./collation/collation.kind.js";
import { constraintKind } from "./constraint/constraint.kind.js";
import { defaultPrivilegeKind } from "./default-privilege/default-privilege.kind.js";
import { eventTriggerKind } from "./event-trigger/event-trigger.kind.js";
import { extensionKind } from "./extension/extension.kind.js";
import { functionKind } from "./function/function.kind.js";
import { indexKind } from "./index/index.kind.js";
import type { KindSpecs } from "./kind.js";
import { materializedViewKind } from "./materialized-view/materialized-view.kind.js";
import { operatorKind } from "./operator/operator.kind.js";
import { operatorClassKind } from "./operator-class/operator-class.kind.js";
import { operatorFamilyKind } from "./operator-family/operator-family.kind.js";
import { policyKind } from "./policy/policy.kind.js";
import { schemaKind } from "./schema/schema.kind.js";
import { sequenceKind } from "./sequence/sequence.kind.js";
import { statisticsKind } from "./statistics/statistics.kind.js";
import { tableKind } from "./table/table.kind.js";
import { triggerKind } from "./trigger/trigger.kind.js";
import { typeKind } from "./type/type.kind.js";
import { viewKind } from "./view/view.kind.js";

/**
 * The kind descriptor registry: one spec per collection of the model (see ./kind.ts), from which
 * filtering (diff/filter.ts), renames (diff/apply-renames.ts) and fingerprints (plan/fingerprint.ts)
 * are derived. The mapped type makes it exhaustive: a collection added to the model (`CollectionModels`
 * in model/state.ts) is a compile error here until its folder has a `<kind>.kind.ts`. The order of
 * the lines is the order of `COLLECTIONS`: differs run in it.
 */
export const KINDS: KindSpecs = {
  schemas: schemaKind,
  extensions: extensionKind,
  collations: collationKind,
  types: typeKind,
  sequences: sequenceKind,
  tables: tableKind,
  constraints: constraintKind,
  indexes: indexKind,
  views: viewKind,
  materializedViews: materializedViewKind,
  functions: functionKind,
  aggregates: aggregateKind,
  triggers: triggerKind,
  eventTriggers: eventTriggerKind,
  policies: policyKind,
  statistics: statisticsKind,
  defaultPrivileges: defaultPrivilegeKind,
  operators: operatorKind,
  casts: castKind,
  operatorFamilies: operatorFamilyKind,
  operatorClasses: operatorClassKind,
};

/** Every collection of a SchemaState that holds schema objects, in registry order. */
export const COLLECTIONS: readonly Collection[] = Object.keys(KINDS) as Collection[];

/** Every collection of a state, each made by `make`, in COLLECTIONS order. */
export function collectionsOf(
  make: <C extends Collection>(collection: C) => SchemaState[C],
): Pick<SchemaState, Collection> {
  const out: Partial<Record<Collection, unknown>> = {};
  for (const collection of COLLECTIONS) out[collection] = make(collection);
  return out as Pick<SchemaState, Collection>;
}

/** A state with no objects. */
export function emptyState(server: ServerInfo, managedSchemas: readonly string[] | null = null): SchemaState {
  return {
    server,
    managedSchemas,
    ...collectionsOf(() => ({})),
    dependencies: [],
    stats: {},
  };
}
