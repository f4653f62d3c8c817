import type { ChangeBase } from "../../diff/change-base.js";
import type { Function as Routine } from "../../model/state.js";
import type { SchemaObjectRename } from "../rename.js";

export interface CreateFunction extends ChangeBase {
  readonly kind: "create_function";
  readonly fn: Routine;
  /** The current function when this recreates it after a drop (grants re-emitted); null when new. */
  readonly replaces: Routine | null;
}

/** `CREATE OR REPLACE` with the desired `pg_get_functiondef`: signature and return type compatible. */
export interface ReplaceFunction extends ChangeBase {
  readonly kind: "replace_function";
  readonly from: Routine;
  readonly fn: Routine;
}

export interface DropFunction extends ChangeBase {
  readonly kind: "drop_function";
  readonly fn: Routine;
  /** Dropped to be created again: runs early, before what blocks on its dependents. */
  readonly early: boolean;
}

/**
 * `ALTER FUNCTION f(args) SET SCHEMA` / `RENAME TO` (`ALTER PROCEDURE` for a procedure), by hint
 * (objects/rename.ts): what calls it by oid (views, defaults, triggers) follows.
 */
export interface RenameFunction extends SchemaObjectRename {
  readonly kind: "rename_function";
  readonly routine: "function" | "procedure";
  /** Identity arguments, as the server prints them once the plan's type renames ran. */
  readonly arguments: string;
}

export type FunctionChange = CreateFunction | ReplaceFunction | DropFunction | RenameFunction;
