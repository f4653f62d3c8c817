import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";
import type { Privilege } from "../privilege/privilege.model.js";
import type { ForeignOption } from "./foreign-options.js";

/**
 * `CREATE FOREIGN DATA WRAPPER`: belongs to the database, identified by its name. Wrappers an
 * extension creates (postgres_fdw, file_fdw) are the extension's and never in the state; these are
 * the ones the files create themselves (`CREATE FOREIGN DATA WRAPPER w` with no handler is valid and
 * often used to hold servers for documentation or dblink).
 */
export interface ForeignDataWrapper {
  readonly kind: "foreign_data_wrapper";
  readonly id: string;
  readonly name: string;
  /** `HANDLER`: a function returning `fdw_handler`, or null (`NO HANDLER`). */
  readonly handler: ProcedureRef | null;
  /** `VALIDATOR`: a function `(text[], oid)`, or null (`NO VALIDATOR`). */
  readonly validator: ProcedureRef | null;
  /** Ids of the handler and validator when they are routines of the state: its CREATE needs them first. */
  readonly functionIds: readonly string[];
  readonly options: readonly ForeignOption[];
  readonly owner: string;
  /** `USAGE` grants. */
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** `foreign_data_wrapper:dummy`. */
export function foreignDataWrapperId(name: string): string {
  return encodeId("foreign_data_wrapper", [name]);
}
