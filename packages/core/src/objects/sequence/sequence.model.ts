import type { Privilege } from "../privilege/privilege.model.js";

export interface SequenceOptions {
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Sequence extends SequenceOptions {
  readonly kind: "sequence";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly persistence: "permanent" | "unlogged";
  /** Column id from `OWNED BY`, or null. Identity sequences are not listed as sequences at all. */
  readonly ownedBy: string | null;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
