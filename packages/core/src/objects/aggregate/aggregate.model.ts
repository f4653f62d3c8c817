import type { Privilege } from "../privilege/privilege.model.js";

export interface Aggregate {
  readonly kind: "aggregate";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly identityArguments: string;
  /** A complete `CREATE AGGREGATE` statement rebuilt from pg_aggregate. */
  readonly definition: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
