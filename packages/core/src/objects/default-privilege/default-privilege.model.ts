import type { Privilege } from "../privilege/privilege.model.js";

export interface DefaultPrivilege {
  readonly kind: "default_privilege";
  readonly id: string;
  /** Role whose future objects get these privileges. */
  readonly role: string;
  /** Null: in every schema. */
  readonly schema: string | null;
  readonly objectType: "tables" | "sequences" | "functions" | "types" | "schemas";
  readonly privileges: readonly Privilege[];
}
