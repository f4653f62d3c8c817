import { type CollectionModels, ids } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { decode, ENABLED } from "../read/codes.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type Rule = CollectionModels["rules"];

export interface RuleRow {
  readonly oid: number;
  readonly schema: string;
  readonly relation: string;
  /** relkind of its relation: `v` a view, else a table. */
  readonly relkind: string;
  readonly name: string;
  /** ev_type: 1 select, 2 update, 3 insert, 4 delete. */
  readonly event: string;
  readonly definition: string;
  readonly enabled: string;
  readonly comment: string | null;
}

/**
 * Rules (pg_rewrite) on the tables and views of the managed schemas, but a view's `_RETURN` rule
 * (the view itself) and extension members; foreign tables and materialized views are not theirs
 * (PostgreSQL allows rules on tables and views only). The same on PostgreSQL 14–18. pg_depend edges
 * on a rule are its own (queries/dependencies.sql.ts rewrites only `_RETURN` rules to their view).
 */
function rulesQuery(_caps: Capabilities): string {
  return `
select r.oid, n.nspname as schema, c.relname as relation, c.relkind::text as relkind, r.rulename as name,
  r.ev_type::text as event, pg_get_ruledef(r.oid) as definition, r.ev_enabled::text as enabled,
  ${commentOf("pg_rewrite", "r.oid")} as comment
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN' and c.relkind in ('r', 'p', 'v') and ${managedNamespace("n")}
  and ${notExtensionMember("pg_rewrite", "r.oid")} and ${notExtensionMember("pg_class", "c.oid")}
order by 2, 3, 5`;
}

const EVENT = { "1": "select", "2": "update", "3": "insert", "4": "delete" } as const;

function readRule(row: RuleRow): Omit<Rule, "id"> {
  return {
    kind: "rule",
    schema: row.schema,
    relation: row.relation,
    relationId:
      row.relkind === "v" ? ids.view(row.schema, row.relation) : ids.table(row.schema, row.relation),
    name: row.name,
    event: decode("rule event", EVENT, row.event),
    definition: row.definition,
    enabled: decode("rule enabled", ENABLED, row.enabled),
    comment: row.comment,
  };
}

export const rulesKind: KindQuery<"rules", RuleRow> = {
  catalog: "pg_rewrite",
  query: rulesQuery,
  read: readRule,
};
