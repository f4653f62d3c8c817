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
