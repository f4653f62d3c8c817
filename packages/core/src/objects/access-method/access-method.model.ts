import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";

/**
 * `CREATE ACCESS METHOD name TYPE INDEX | TABLE HANDLER f`: an index or table access method of the
 * database (no schema), its handler function (by name: its argument is always `internal`), no owner
 * (superusers create them), a comment. PostgreSQL has no ALTER for its type or handler.
 */
export interface AccessMethod {
  readonly kind: "access_method";
  readonly id: string;
  readonly name: string;
  readonly type: "index" | "table";
  readonly handler: ProcedureRef;
  /** The handler's id when it is a routine of the state (its CREATE comes first), else null. */
  readonly handlerId: string | null;
  readonly comment: string | null;
}

/** `access_method:columnar`. */
export function accessMethodId(name: string): string {
  return encodeId("access_method", [name]);
}
