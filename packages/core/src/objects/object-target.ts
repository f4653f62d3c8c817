import type { Privilege } from "./privilege/privilege.model.js";

/**
 * How a statement about an existing object names it — `COMMENT ON`, `GRANT … ON`, `ALTER … OWNER
 * TO` — per object kind: raw names (quoted only when rendered), plus what the SQL needs besides the
 * name (a routine's identity arguments, a domain's keyword, a column's table). One shape per kind,
 * shared by every change that targets objects; each picks the kinds it can name (`CommentTarget`,
 * `AclTarget`, `OwnedTarget`).
 */
export type ObjectTarget<K extends TargetKind = TargetKind> = {
  readonly [P in K]: { readonly kind: P } & TargetFields[P];
}[K];

export type TargetKind = keyof TargetFields;

/** Named by a name of its own (no schema). */
interface Global {
  readonly name: string;
}
/** Named within a schema. */
interface InSchema {
  readonly schema: string;
  readonly name: string;
}
/** Named within a table (or view). */
interface OnTable {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
}

interface TargetFields {
  readonly schema: Global;
  readonly extension: Global;
  readonly event_trigger: Global;
  readonly table: InSchema;
  readonly sequence: InSchema;
  readonly view: InSchema;
  readonly materialized_view: InSchema;
  /** COMMENT ON and OWNER TO say `FOREIGN TABLE`, GRANT says `TABLE`. */
  readonly foreign_table: InSchema;
  readonly index: InSchema;
  readonly statistics: InSchema;
  readonly collation: InSchema;
  readonly column: OnTable;
  readonly constraint: OnTable;
  readonly policy: OnTable;
  readonly trigger: OnTable;
  readonly routine: InSchema & {
    readonly routine: "function" | "procedure" | "aggregate";
    /** `pg_get_function_identity_arguments`. */
    readonly arguments: string;
  };
  /** `domain`: the statement says DOMAIN rather than TYPE. */
  readonly type: InSchema & { readonly domain: boolean };
  /**
   * An object of a definition kind (objects/definition), named by its kind's `definition.target`:
   * its keyword and its name, quoted by the kind's renderer through sql/quote.ts
   * (`OPERATOR public.=== (integer, integer)`, `CAST (text AS public.email)`).
   */
  readonly named: {
    readonly sql: string;
    /** How GRANT names it when that differs (`FOREIGN SERVER s`, where COMMENT ON says `SERVER s`). */
    readonly grant?: string;
    /**
     * What PostgreSQL grants others when it creates one (`acldefault`), when not nothing: a
     * language's `USAGE` to PUBLIC (`acldefault('l', owner)`). Wrappers and servers get nothing.
     */
    readonly builtinAcl?: readonly Privilege[];
  };
}
