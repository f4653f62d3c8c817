import type { ChangeBase } from "../../diff/change-base.js";
import type { Aggregate } from "../../model/state.js";
import type { SchemaObjectRename } from "../rename.js";

export interface CreateAggregate extends ChangeBase {
  readonly kind: "create_aggregate";
  readonly aggregate: Aggregate;
  /** The current aggregate when this recreates it (grants re-emitted); null when new. */
  readonly replaces: Aggregate | null;
}

export interface DropAggregate extends ChangeBase {
  readonly kind: "drop_aggregate";
  readonly aggregate: Aggregate;
  /** Dropped to be created again (priority DROP_VIEW_EARLY). */
  readonly early: boolean;
}

/** `ALTER AGGREGATE name(args) SET SCHEMA` / `RENAME TO`, by hint (objects/rename.ts). */
export interface RenameAggregate extends SchemaObjectRename {
  readonly kind: "rename_aggregate";
  /** Identity arguments (`*` is written for none). */
  readonly arguments: string;
}

export type AggregateChange = CreateAggregate | DropAggregate | RenameAggregate;
