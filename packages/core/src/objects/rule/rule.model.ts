import { encodeId } from "../../model/ids.js";

/**
 * `CREATE RULE name AS ON event TO relation [WHERE …] DO [ALSO | INSTEAD] …` on a table or view
 * (a view's own `_RETURN` rule is the view, not a rule). Identified by its relation and name.
 */
export interface Rule {
  readonly kind: "rule";
  readonly id: string;
  /** The schema of its relation. */
  readonly schema: string;
  /** The name of the table or view it is on. */
  readonly relation: string;
  /** Its table's or view's id. */
  readonly relationId: string;
  readonly name: string;
  readonly event: "select" | "insert" | "update" | "delete";
  /** `pg_get_ruledef`: the whole CREATE RULE statement, relations qualified. */
  readonly definition: string;
  /** `ALTER TABLE … ENABLE [REPLICA | ALWAYS] / DISABLE RULE` (tables only). */
  readonly enabled: "origin" | "disabled" | "replica" | "always";
  readonly comment: string | null;
}

/** `rule:public.audit.audit_no_delete`. */
export function ruleId(schema: string, relation: string, name: string): string {
  return encodeId("rule", [schema, relation, name]);
}
