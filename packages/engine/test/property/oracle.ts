/**
 * An oracle independent of pg-flux's inspector: the objects a model says exist (schemas, extensions,
 * tables and their columns, views, materialized views, sequences, types, functions), and the same list
 * read straight from pg_catalog. pg-flux's own comparison (inspect after apply = desired state) cannot see
 * an object that both sides lose the same way, e.g. two tables whose ids collide; this list can.
 * Each entry is a JSON array of names, so no separator can make two entries look alike.
 */
import type pg from "pg";
import { Catalog } from "./catalog.js";
import { type Model, PUBLIC_SCHEMA } from "./model.js";

export function modelObjects(model: Model): string[] {
  const catalog = new Catalog(model);
  const schema = (uid: number) => catalog.schemas.get(uid)!;
  const out: unknown[][] = [];
  for (const s of model.schemas) if (s.uid !== PUBLIC_SCHEMA) out.push(["schema", s.name]);
  for (const e of model.extensions) out.push(["extension", schema(e.schema), e.name]);
  for (const table of model.tables) {
    out.push(["table", schema(table.schema), table.name]);
    for (const column of table.columns) out.push(["column", schema(table.schema), table.name, column.name]);
  }
  for (const view of model.views) {
    out.push([view.materialized ? "matview" : "view", schema(view.schema), view.name]);
    for (const column of view.columns) out.push(["column", schema(view.schema), view.name, column.alias]);
  }
  for (const seq of model.sequences) out.push(["sequence", schema(seq.schema), seq.name]);
  for (const type of model.types) out.push([type.kind, schema(type.schema), type.name]);
  for (const fn of model.functions) out.push(["function", schema(fn.schema), fn.name]);
  return out.map((entry) => JSON.stringify(entry)).sort();
}

/** The same list from the catalog of a database (user schemas only). */
export async function databaseObjects(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ entry: unknown[] }>(`
    with user_namespace as (
      select oid, nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp%'
        and nspname not like 'pg_toast_temp%'
    )
    , member as (select classid, objid from pg_depend where deptype = 'e')
    select json_build_array('schema', nspname) as entry from user_namespace where nspname <> 'public'
    union all
    select json_build_array('extension', n.nspname, e.extname)
    from pg_extension e join user_namespace n on n.oid = e.extnamespace
    union all
    select json_build_array(case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
             when 'm' then 'matview' else 'sequence' end, n.nspname, c.relname)
    from pg_class c join user_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm')
       or (c.relkind = 'S' and not exists (
             select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i'))
    union all
    select json_build_array('column', n.nspname, c.relname, a.attname)
    from pg_attribute a join pg_class c on c.oid = a.attrelid join user_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
    union all
    select json_build_array(case t.typtype when 'e' then 'enum' when 'd' then 'domain' else 'composite' end,
             n.nspname, t.typname)
    from pg_type t join user_namespace n on n.oid = t.typnamespace
    where (t.typtype in ('e', 'd') or (t.typtype = 'c' and exists (
      select 1 from pg_class c where c.oid = t.typrelid and c.relkind = 'c')))
      and ('pg_type'::regclass, t.oid) not in (select classid, objid from member)
    union all
    select json_build_array('function', n.nspname, p.proname)
    from pg_proc p join user_namespace n on n.oid = p.pronamespace
    where ('pg_proc'::regclass, p.oid) not in (select classid, objid from member)
  `);
  return rows.map((row) => JSON.stringify(row.entry)).sort();
}

/** What one list has that the other lacks, for a readable failure. */
export function objectDifference(expected: readonly string[], actual: readonly string[]): string {
  const missing = expected.filter((entry) => !actual.includes(entry));
  const extra = actual.filter((entry) => !expected.includes(entry));
  return [
    ...missing.map((entry) => `  missing: ${entry}`),
    ...extra.map((entry) => `  unexpected: ${entry}`),
  ].join("\n");
}
