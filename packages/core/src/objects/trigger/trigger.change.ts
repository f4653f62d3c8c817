import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Trigger } from "../../model/state.js";

export interface CreateTrigger extends ChangeBase {
  readonly kind: "create_trigger";
  readonly trigger: Trigger;
  /** The table or view it is on. */
  readonly table: TableRef;
}

export interface DropTrigger extends ChangeBase {
  readonly kind: "drop_trigger";
  readonly trigger: Trigger;
  readonly table: TableRef;
}

/** `CREATE OR REPLACE TRIGGER` (PostgreSQL 14+; not for constraint triggers). */
export interface ReplaceTrigger extends ChangeBase {
  readonly kind: "replace_trigger";
  readonly from: Trigger;
  readonly trigger: Trigger;
  readonly table: TableRef;
}

/** `ALTER TABLE … ENABLE | DISABLE | ENABLE REPLICA | ENABLE ALWAYS TRIGGER`. */
export interface SetTriggerEnabled extends ChangeBase {
  readonly kind: "set_trigger_enabled";
  readonly trigger: Trigger;
  readonly table: TableRef;
}

/** `ALTER TRIGGER old ON table RENAME TO new`, by hint (objects/rename.ts). */
export interface RenameTrigger extends ChangeBase {
  readonly kind: "rename_trigger";
  readonly table: TableRef;
  readonly from: string;
  readonly to: string;
}

export type TriggerChange = CreateTrigger | DropTrigger | ReplaceTrigger | SetTriggerEnabled | RenameTrigger;
