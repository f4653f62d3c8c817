import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";

/**
 * `CREATE [DEFAULT] CONVERSION name FOR 'source' TO 'target' FROM function`: an encoding conversion
 * in a schema, its function by name (its arguments are fixed by PostgreSQL), an owner and a
 * comment. PostgreSQL has no ALTER for its encodings, function or DEFAULT.
 */
export interface Conversion {
  readonly kind: "conversion";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Encoding names as `pg_encoding_to_char` prints them (`UTF8`, `LATIN1`). */
  readonly source: string;
  readonly target: string;
  readonly function: ProcedureRef;
  /** The function's id when it is a routine of the state (its CREATE comes first), else null. */
  readonly functionId: string | null;
  readonly isDefault: boolean;
  readonly owner: string;
  readonly comment: string | null;
}

/** `conversion:public.utf8_to_latin1`. */
export function conversionId(schema: string, name: string): string {
  return encodeId("conversion", [schema, name]);
}
