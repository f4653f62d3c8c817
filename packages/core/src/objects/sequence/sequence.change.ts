import type { ChangeBase } from "../../diff/change-base.js";
import type { Sequence, SequenceOptions } from "../../model/state.js";

export interface CreateSequence extends ChangeBase {
  readonly kind: "create_sequence";
  readonly sequence: Sequence;
}

export interface DropSequence extends ChangeBase {
  readonly kind: "drop_sequence";
  readonly sequence: Sequence;
}

export interface AlterSequence extends ChangeBase {
  readonly kind: "alter_sequence";
  readonly sequence: Sequence;
  /** The options before (bounds moves are ordered from them: sequence.bounds.ts). */
  readonly from: SequenceOptions;
  /** The options that change, with their new values. */
  readonly options: Partial<SequenceOptions>;
}

export interface RenameSequence extends ChangeBase {
  readonly kind: "rename_sequence";
  readonly from: { readonly schema: string; readonly name: string };
  readonly to: { readonly schema: string; readonly name: string };
}

/** `OWNED BY` set after the owning column exists (a serial's table needs the sequence first). */
export interface SetSequenceOwnedBy extends ChangeBase {
  readonly kind: "set_sequence_owned_by";
  readonly sequence: Sequence;
  /** Null: OWNED BY NONE. */
  readonly owner: { readonly schema: string; readonly table: string; readonly column: string } | null;
}

export type SequenceChange =
  | CreateSequence
  | DropSequence
  | AlterSequence
  | RenameSequence
  | SetSequenceOwnedBy;
