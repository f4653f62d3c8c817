import type { ColumnStorage } from "../column/column.model.js";
import type { Privilege } from "../privilege/privilege.model.js";

/** A materialized view column's settings, as a table column's (`Column`): null / empty is the default. */
export interface MaterializedViewColumnSettings {
  /** `SET STORAGE` when it differs from the type's (`typeStorage`); null otherwise. */
  readonly storage: ColumnStorage | null;
  /** The column type's storage: what `storage` goes back to. */
  readonly typeStorage: ColumnStorage;
  readonly statisticsTarget: number | null;
  readonly options: readonly string[];
}

export interface MaterializedView {
  readonly kind: "materialized_view";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly definition: string;
  readonly columns: readonly string[];
  readonly options: readonly string[];
  readonly populated: boolean;
  /**
   * Its table access method (`USING am`) when it is not heap; absent for heap (so fingerprints stay
   * what they were), as a table's (`Table.accessMethod`).
   */
  readonly accessMethod?: string;
  /**
   * Per-column `ALTER MATERIALIZED VIEW … ALTER COLUMN c SET STATISTICS / SET STORAGE / SET (…)`, by
   * column name, only for columns with a setting that is not the default; absent when none has one
   * (so states without any keep the fingerprint they always had).
   */
  readonly columnSettings?: Readonly<Record<string, MaterializedViewColumnSettings>>;
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
}
