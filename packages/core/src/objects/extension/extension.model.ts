export interface Extension {
  readonly kind: "extension";
  readonly id: string;
  readonly name: string;
  /** Schema the extension's objects live in. */
  readonly schema: string;
  readonly version: string;
  /**
   * `pg_extension.extrelocatable`: `ALTER EXTENSION … SET SCHEMA` works. A non-relocatable one
   * moves by DROP + CREATE (objects/extension). Absent in a state saved before pg-flux read it.
   */
  readonly relocatable?: boolean;
  readonly comment: string | null;
}
