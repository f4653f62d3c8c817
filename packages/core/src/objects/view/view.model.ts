import type { Privilege } from "../privilege/privilege.model.js";

export interface View {
  readonly kind: "view";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** `pg_get_viewdef(oid, true)`: the SELECT. */
  readonly definition: string;
  readonly columns: readonly string[];
  readonly checkOption: "local" | "cascaded" | null;
  /** reloptions other than check_option: `security_barrier=true`, `security_invoker=true`. */
  readonly options: readonly string[];
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
  /**
   * What PostgreSQL lets INSERT and UPDATE write through the view, for codegen: its own rules for
   * automatically updatable views (`pg_relation_is_updatable`, `pg_column_is_updatable`), or an
   * INSTEAD OF trigger or rule (every column then). Follows from the definition, triggers and
   * rules, so the differ never compares it. Absent in a state saved before pg-flux read it.
   */
  readonly writable?: ViewWrites;
}

export interface ViewWrites {
  readonly insert: boolean;
  readonly update: boolean;
  /** The columns INSERT and UPDATE accept, in view order. */
  readonly columns: readonly string[];
}
