import {
  type CollectionModels,
  type DefinitionCollection,
  definitionSpec,
  type MaterializedView,
  type OutsideDependent,
  type SchemaState,
  type UnmanagedObject,
  type View,
} from "@pg-flux/core";
import type { AggregateRow } from "../queries/aggregates.sql.js";
import type { CollationRow } from "../queries/collations.sql.js";
import type { ColumnRow } from "../queries/columns.sql.js";
import type { ConstraintRow } from "../queries/constraints.sql.js";
import type { DefaultPrivilegeRow } from "../queries/default-privileges.sql.js";
import type { DependencyRow } from "../queries/dependencies.sql.js";
import type { EventTriggerRow } from "../queries/event-triggers.sql.js";
import type { ExtensionRow } from "../queries/extensions.sql.js";
import type { FunctionRow } from "../queries/functions.sql.js";
import type { IndexRow } from "../queries/indexes.sql.js";
import { KIND_QUERIES, type KindQuery, type KindRow } from "../queries/kinds.js";
import type { OutsideRow } from "../queries/outside.sql.js";
import type { PolicyRow } from "../queries/policies.sql.js";
import type { SchemaRow } from "../queries/schemas.sql.js";
import type { SequenceRow } from "../queries/sequences.sql.js";
import type { StatisticsRow } from "../queries/statistics.sql.js";
import type { TableRow } from "../queries/tables.sql.js";
import type { TriggerRow } from "../queries/triggers.sql.js";
import type { TypeRow } from "../queries/types.sql.js";
import type { UnmanagedRow } from "../queries/unmanaged.sql.js";
import type { ViewRow } from "../queries/views.sql.js";
import { readAggregate } from "./aggregates.js";
import { CatalogIds } from "./catalog-ids.js";
import { readCollation } from "./collations.js";
import { readConstraint } from "./constraints.js";
import { readDependencies } from "./dependencies.js";
import { readFunction, withCalls } from "./functions.js";
import { readIndex } from "./indexes.js";
import { byId, sortedKeys } from "./order.js";
import { readDefaultPrivilege, readPolicy } from "./policies.js";
import { readExtension, readSchema } from "./schemas.js";
import { readSequence } from "./sequences.js";
import { readStatistics } from "./statistics.js";
import { readTables } from "./tables.js";
import { readEventTrigger, readTrigger } from "./triggers.js";
import { readType } from "./types.js";
import { readOutside, readUnmanaged } from "./unmanaged.js";
import { readView } from "./views.js";

/** The rows of every catalog query of one inspection. */
export interface CatalogRows {
  readonly schemas: readonly SchemaRow[];
  readonly extensions: readonly ExtensionRow[];
  readonly collations: readonly CollationRow[];
  readonly types: readonly TypeRow[];
  readonly sequences: readonly SequenceRow[];
  readonly tables: readonly TableRow[];
  readonly columns: readonly ColumnRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
  readonly views: readonly ViewRow[];
  readonly functions: readonly FunctionRow[];
  readonly aggregates: readonly AggregateRow[];
  readonly triggers: readonly TriggerRow[];
  readonly eventTriggers: readonly EventTriggerRow[];
  readonly policies: readonly PolicyRow[];
  readonly statistics: readonly StatisticsRow[];
  readonly defaultPrivileges: readonly DefaultPrivilegeRow[];
  readonly dependencies: readonly DependencyRow[];
  readonly unmanaged: readonly UnmanagedRow[];
  readonly outside: readonly OutsideRow[];
  /** The rows of each definition kind's query (queries/kinds.ts), by collection. */
  readonly kinds: Readonly<Record<string, readonly KindRow[]>>;
}

export interface Inspection {
  readonly state: SchemaState;
  /** Objects of kinds the model does not have (see core `UnmanagedObject`); never in the state. */
  readonly unmanaged: readonly UnmanagedObject[];
  /** Objects outside the managed schemas that use the state's objects (core `OutsideDependent`). */
  readonly outside: readonly OutsideDependent[];
}

/**
 * Turns catalog rows into the model; pure, so it is the same for the same rows. Routine bodies are
 * parsed (`withCalls`): libpg-query's WASM module must be loaded (`loadBodyParser`).
 */
export function readState(empty: SchemaState, rows: CatalogRows): Inspection {
  const catalog = new CatalogIds();
  const remember = <T extends { readonly id: string }>(catalogName: string, oid: number, item: T): T => {
    catalog.set(catalogName, oid, item.id);
    return item;
  };

  const types = rows.types.map((row) => {
    const type = remember("pg_type", row.oid, readType(row));
    if (row.typarray !== 0) catalog.set("pg_type", row.typarray, type.id);
    if (row.relid !== 0) catalog.set("pg_class", row.relid, type.id);
    return type;
  });
  const collations = rows.collations.map((row) => remember("pg_collation", row.oid, readCollation(row)));
  const extensions = rows.extensions.map((row) => remember("pg_extension", row.oid, readExtension(row)));
  const { tables, stats } = readTables(rows.tables, rows.columns, catalog);
  const views: View[] = [];
  const materializedViews: MaterializedView[] = [];
  for (const row of rows.views) {
    const view = remember("pg_class", row.oid, readView(row));
    catalog.set("pg_type", row.reltype, view.id);
    if (view.kind === "view") views.push(view);
    else materializedViews.push(view);
  }

  const sequences = rows.sequences.map((row) => remember("pg_class", row.oid, readSequence(row)));
  const constraints = rows.constraints.map((row) => remember("pg_constraint", row.oid, readConstraint(row)));
  const indexes = rows.indexes.map((row) => remember("pg_class", row.oid, readIndex(row)));
  const routines = rows.functions.map((row) => remember("pg_proc", row.oid, readFunction(row)));
  const aggregates = rows.aggregates.map((row) => remember("pg_proc", row.oid, readAggregate(row)));
  const functions = withCalls(routines, rows.functions, aggregates);
  const triggers = rows.triggers.map((row) => remember("pg_trigger", row.oid, readTrigger(row)));
  const policies = rows.policies.map((row) => remember("pg_policy", row.oid, readPolicy(row)));
  const statistics = rows.statistics.map((row) => remember("pg_statistic_ext", row.oid, readStatistics(row)));
  const kinds: Record<string, Record<string, unknown>> = {};
  for (const [collection, kind] of Object.entries<KindQuery<DefinitionCollection>>(KIND_QUERIES)) {
    const { id } = definitionSpec(collection as DefinitionCollection);
    const objects = (rows.kinds[collection] ?? []).map((row) => {
      const object = kind.read(row);
      return remember(kind.catalog, row.oid, { ...object, id: id(object) });
    });
    kinds[collection] = byId(objects);
  }
  // Last: every object above has registered its catalog row by now.
  const dependencies = readDependencies(rows.dependencies, catalog);
  const unmanaged = readUnmanaged(rows.unmanaged, catalog);
  const outside = readOutside(rows.outside, catalog);

  const state: SchemaState = {
    ...empty,
    schemas: byId(rows.schemas.map(readSchema)),
    extensions: byId(extensions),
    collations: byId(collations),
    types: byId(types),
    sequences: byId(sequences),
    tables: byId(tables),
    constraints: byId(constraints),
    indexes: byId(indexes),
    views: byId(views),
    materializedViews: byId(materializedViews),
    functions: byId(functions),
    aggregates: byId(aggregates),
    triggers: byId(triggers),
    eventTriggers: byId(rows.eventTriggers.map(readEventTrigger)),
    policies: byId(policies),
    statistics: byId(statistics),
    defaultPrivileges: byId(rows.defaultPrivileges.map(readDefaultPrivilege)),
    ...(kinds as { readonly [C in DefinitionCollection]: Readonly<Record<string, CollectionModels[C]>> }),
    dependencies,
    stats: sortedKeys(stats),
  };
  return { state, unmanaged, outside };
}
