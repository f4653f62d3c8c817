import type { ChangeBase } from "../../diff/change-base.js";
import type { EventTrigger } from "../../model/state.js";

/** The trigger function's name, resolved by the differ from the function id. */
export interface FunctionRef {
  readonly schema: string;
  readonly name: string;
}

export interface CreateEventTrigger extends ChangeBase {
  readonly kind: "create_event_trigger";
  readonly trigger: EventTrigger;
  readonly function: FunctionRef;
}

export interface DropEventTrigger extends ChangeBase {
  readonly kind: "drop_event_trigger";
  readonly trigger: EventTrigger;
}

export interface SetEventTriggerEnabled extends ChangeBase {
  readonly kind: "set_event_trigger_enabled";
  readonly trigger: EventTrigger;
}

/** Renamed by hint: `ALTER EVENT TRIGGER old RENAME TO new`. */
export interface RenameEventTrigger extends ChangeBase {
  readonly kind: "rename_event_trigger";
  readonly from: string;
  readonly to: string;
}

export type EventTriggerChange =
  | CreateEventTrigger
  | DropEventTrigger
  | SetEventTriggerEnabled
  | RenameEventTrigger;
