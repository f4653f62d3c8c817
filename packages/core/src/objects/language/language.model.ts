import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";
import type { Privilege } from "../privilege/privilege.model.js";

/**
 * `CREATE [TRUSTED] LANGUAGE name HANDLER h [INLINE i] [VALIDATOR v]`: a procedural language of the
 * database (no schema) outside extensions (plpgsql is an extension's member), its functions by name
 * (their arguments are fixed by PostgreSQL), an owner, `USAGE` grants and a comment. PostgreSQL has
 * no ALTER for its functions or TRUSTED.
 */
export interface Language {
  readonly kind: "language";
  readonly id: string;
  readonly name: string;
  readonly trusted: boolean;
  readonly handler: ProcedureRef;
  readonly inline: ProcedureRef | null;
  readonly validator: ProcedureRef | null;
  /** The ids of those functions that are routines of the state (user functions): created first. */
  readonly functionIds: readonly string[];
  readonly owner: string;
  /**
   * `USAGE` grants (the owner's own aside). A new language gives `USAGE` to PUBLIC
   * (`acldefault('l', owner)`): that is the list of one that was never granted or revoked.
   * PostgreSQL refuses GRANT and REVOKE on an untrusted language, whose list stays the default.
   */
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** `language:plsample`. */
export function languageId(name: string): string {
  return encodeId("language", [name]);
}
