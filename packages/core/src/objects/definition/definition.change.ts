import type { ChangeBase } from "../../diff/change-base.js";
import type { DefinitionCollection } from "../../model/state.js";
import type { DefinitionObject } from "./definition.js";

/**
 * The changes of every definition kind (objects/definition): `collection` says which kind, and its
 * spec (`KINDS[collection].definition`) renders the SQL. Their steps are named by the kind
 * (`create_operator`, `drop_cast`, …).
 */
interface DefinitionChangeBase extends ChangeBase {
  readonly collection: DefinitionCollection;
}

export interface CreateDefinition extends DefinitionChangeBase {
  readonly kind: "create_definition";
  readonly object: DefinitionObject;
}

export interface DropDefinition extends DefinitionChangeBase {
  readonly kind: "drop_definition";
  readonly object: DefinitionObject;
}

/** Changed in place by the statements its spec's `alter` gives. */
export interface AlterDefinition extends DefinitionChangeBase {
  readonly kind: "alter_definition";
  readonly from: DefinitionObject;
  readonly to: DefinitionObject;
}

/** Changed where PostgreSQL has no ALTER for it, and nothing else uses it: DROP + CREATE. */
export interface ReplaceDefinition extends DefinitionChangeBase {
  readonly kind: "replace_definition";
  readonly from: DefinitionObject;
  readonly to: DefinitionObject;
}

/** Renamed by hint in place (`ALTER … SET SCHEMA` / `RENAME TO`, definition.rename.ts): keeps its oid. */
export interface RenameDefinition extends DefinitionChangeBase {
  readonly kind: "rename_definition";
  /** As it is in the current state, before the renames. */
  readonly from: DefinitionObject;
  /** As the desired state has it. */
  readonly to: DefinitionObject;
}

export type DefinitionChange =
  | CreateDefinition
  | DropDefinition
  | AlterDefinition
  | ReplaceDefinition
  | RenameDefinition;
