import type { Privilege } from "../privilege/privilege.model.js";

export interface MaterializedView {
  readonly kind: "materialized_view";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly definition: string;
  readonly columns: readonly string[];
  readonly options: readonly string[];
  readonly populated: boolean;
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
}
