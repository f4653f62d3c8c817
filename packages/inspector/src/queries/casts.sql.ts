import { type CollectionModels, ids } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { decode } from "../read/codes.js";
import { commentOf, EXCLUDED_SCHEMAS, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type Cast = CollectionModels["casts"];

export interface CastRow {
  readonly oid: number;
  readonly source: string;
  readonly target: string;
  /** castmethod: `f` function, `i` inout, `b` binary. */
  readonly method: string;
  readonly function: string | null;
  /** The function's schema, name and identity arguments when it is a user routine (oid >= 16384). */
  readonly routine: { readonly schema: string; readonly name: string; readonly arguments: string } | null;
  /** castcontext: `e` explicit, `a` assignment, `i` implicit. */
  readonly context: string;
  readonly schemas: readonly string[];
  readonly comment: string | null;
}

/**
 * User casts (pg_cast, oid >= 16384): extension members and internal parts of other objects (a
 * range's multirange casts) left out. Casts belong to the database: the `schemas` filter is applied
 * by core (a cast is kept when one of its schemas is managed). The same on PostgreSQL 14–18.
 */
function castsQuery(_caps: Capabilities): string {
  const excluded = [...EXCLUDED_SCHEMAS].map((name) => `'${name}'`).join(", ");
  return `
select c.oid, format_type(c.castsource, null) as source, format_type(c.casttarget, null) as target,
  c.castmethod::text as method,
  case when c.castfunc = 0 then null else c.castfunc::regprocedure::text end as function,
  case when c.castfunc >= 16384 then json_build_object('schema', pn.nspname, 'name', p.proname,
    'arguments', pg_get_function_identity_arguments(p.oid)) end as routine,
  c.castcontext::text as context,
  array(select distinct n.nspname::text from pg_namespace n
    where n.oid in (st.typnamespace, tt.typnamespace, p.pronamespace) and n.nspname not in (${excluded})
    order by 1) as schemas,
  ${commentOf("pg_cast", "c.oid")} as comment
from pg_cast c
join pg_type st on st.oid = c.castsource
join pg_type tt on tt.oid = c.casttarget
left join pg_proc p on p.oid = c.castfunc
left join pg_namespace pn on pn.oid = p.pronamespace
where c.oid >= 16384 and ${notExtensionMember("pg_cast", "c.oid")}
  and not exists (select 1 from pg_depend i where i.classid = 'pg_cast'::regclass and i.objid = c.oid and i.deptype = 'i')
order by 2, 3`;
}

const METHOD = { f: "function", i: "inout", b: "binary" } as const;
const CONTEXT = { e: "explicit", a: "assignment", i: "implicit" } as const;

function readCast(row: CastRow): Omit<Cast, "id"> {
  return {
    kind: "cast",
    source: row.source,
    target: row.target,
    method: decode("cast method", METHOD, row.method),
    function: row.function,
    functionId:
      row.routine === null ? null : ids.function(row.routine.schema, row.routine.name, row.routine.arguments),
    context: decode("cast context", CONTEXT, row.context),
    schemas: row.schemas,
    comment: row.comment,
  };
}

export const castsKind: KindQuery<"casts", CastRow> = {
  catalog: "pg_cast",
  query: castsQuery,
  read: readCast,
};
