import type { CollectionModels, DefinitionCollection } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";

/** A catalog row of a definition kind: its oid, so pg_depend edges find its id. */
export interface KindRow {
  readonly oid: number;
}

/**
 * How one definition kind (core objects/definition) is read: its catalog query, one row per object
 * in the managed schemas (extension members left out), and how a row becomes the model.
 */
// `read` is a method so that a kind's query, typed by its own row, is one of the registry's.
export interface KindQuery<C extends DefinitionCollection, Row extends KindRow = KindRow> {
  /** The catalog its rows come from (`pg_operator`): pg_depend edges name it. */
  readonly catalog: string;
  readonly query: (caps: Capabilities) => string;
  /** The object but its id, which its kind's spec makes (`definitionSpec(collection).id`). */
  read(row: Row): Omit<CollectionModels[C], "id">;
}

/**
 * One query per definition kind, beside the fixed ones of inspect.ts. The mapped type makes it
 * exhaustive: a definition kind added to the model is a compile error here until its query
 * (`queries/<kind>.sql.ts`) is listed. Its catalog joins pg_depend's (queries/dependencies.sql.ts).
 */
export const KIND_QUERIES: { readonly [C in DefinitionCollection]: KindQuery<C> } = {};

/** The catalogs of the definition kinds, for pg_depend. */
export const KIND_CATALOGS: readonly string[] = [
  ...new Set(Object.values<KindQuery<DefinitionCollection>>(KIND_QUERIES).map((kind) => kind.catalog)),
];
