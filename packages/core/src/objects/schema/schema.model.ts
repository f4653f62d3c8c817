import type { Privilege } from "../privilege/privilege.model.js";

export interface Schema {
  readonly kind: "schema";
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
