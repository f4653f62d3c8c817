import type { UnmanagedKind } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { managedNamespace, notExtensionMember } from "./fragments.js";
import { managedLanguage } from "./languages.sql.js";

export interface UnmanagedRow {
  readonly kind: UnmanagedKind;
  readonly name: string;
  /** pg_depend edges to user objects as `[catalog, oid, subid, auto]` (auto: dropped along with it). */
  readonly depends: readonly (readonly [string, number, number, boolean])[];
}

/**
 * Neither an extension's member nor an internal part of another object (a range type's casts to its
 * multirange are made with it, `deptype = 'i'`): objects a user created on their own.
 */
function standalone(catalog: string, oid: string): string {
  return (
    `${notExtensionMember(catalog, oid)} and not exists (select 1 from pg_depend i` +
    ` where i.classid = '${catalog}'::regclass and i.objid = ${oid} and i.deptype = 'i')`
  );
}

/**
 * The object's ACL is set and is not the one it started with: its `pg_init_privs` row (what an
 * extension's script or initdb left), else `initial` (acldefault). Compared as sets: REVOKE and
 * GRANT back reorder the entries.
 */
function aclChanged(acl: string, catalog: string, oid: string, initial: string): string {
  return (
    `${acl} is not null and (select not (${acl} @> a and a @> ${acl}) from (select coalesce((select i.initprivs` +
    ` from pg_init_privs i where i.classoid = ${catalog} and i.objoid = ${oid} and i.objsubid = 0), ${initial}) as a) s)`
  );
}

/** Objects created by initdb have lower oids (FirstNormalObjectId); kinds without a schema use it. */
const USER_OID = "16384";

/** The select list of one kind: its name, and the catalog row its dependencies are recorded on. */
function row(kind: UnmanagedKind, name: string, catalog: string | null, oid: string): string {
  const at = catalog === null ? "null::text, null::oid" : `'${catalog}', ${oid}`;
  return `select '${kind}' as kind, ${name} as name, ${at}`;
}

/**
 * Every object of a kind pg-flux does not model (core `UNMANAGED_KINDS`), so plans can list what
 * they leave alone. Extension members are the extension's and left out, as everywhere, and so are
 * objects made as an internal part of another (`standalone`). Schema-bound
 * kinds follow the `schemas` filter; kinds that belong to the database (publications, servers,
 * casts, …) are always listed. Names come back qualified (empty search_path).
 */
export function unmanagedQuery(_caps: Capabilities): string {
  const managed = managedNamespace("n");
  const user = (catalog: string, alias: string) =>
    `${alias}.oid >= ${USER_OID} and ${standalone(catalog, `${alias}.oid`)}`;
  const qualified = (name: string) => `format('%I.%I', n.nspname, ${name})`;
  // `o`, not `x`: notExtensionMember's subquery is aliased `x`
  const inSchema = (kind: UnmanagedKind, catalog: string, nameColumn: string, namespace: string) =>
    `${row(kind, qualified(`o.${nameColumn}`), catalog, "o.oid")} from ${catalog} o
  join pg_namespace n on n.oid = o.${namespace}
  where ${managed} and ${standalone(catalog, "o.oid")}`;
  // A language pg-flux does not manage (an extension's, a built-in one) with grants other than its
  // initial ones (aclChanged). The same for an extension's functions, relations and types: the
  // extension's, so never in the state, and their grants with them (a dump's GRANT/REVOKE on one
  // would be lost from every plan).
  const objects = `
${row("foreign table", qualified("c.relname"), "pg_class", "c.oid")} from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'f' and ${managed} and ${standalone("pg_class", "c.oid")}
union all
${row("rule", "format('%I on %I.%I', r.rulename, n.nspname, c.relname)", "pg_rewrite", "r.oid")}
  from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
  where r.rulename <> '_RETURN' and ${managed} and ${standalone("pg_rewrite", "r.oid")}
union all
${row("foreign-data wrapper", "format('%I', w.fdwname)", "pg_foreign_data_wrapper", "w.oid")}
  from pg_foreign_data_wrapper w where ${user("pg_foreign_data_wrapper", "w")}
union all
${row("foreign server", "format('%I', s.srvname)", "pg_foreign_server", "s.oid")}
  from pg_foreign_server s where ${user("pg_foreign_server", "s")}
union all
${row("user mapping", "format('for %s server %I', case when m.umuser = 0 then 'PUBLIC' else quote_ident(m.usename) end, m.srvname)", "pg_user_mapping", "m.umid")}
  from pg_user_mappings m where m.srvid >= ${USER_OID}
union all
${row("publication", "format('%I', p.pubname)", "pg_publication", "p.oid")}
  from pg_publication p where ${user("pg_publication", "p")}
union all
${row("subscription", "format('%I', s.subname)", "pg_subscription", "s.oid")} from pg_subscription s
  where s.subdbid = (select oid from pg_database where datname = current_database())
union all
${row("cast", "format('(%s AS %s)', format_type(c.castsource, null), format_type(c.casttarget, null))", "pg_cast", "c.oid")}
  from pg_cast c where ${user("pg_cast", "c")}
union all
${row("operator", "o.oid::regoperator::text", "pg_operator", "o.oid")} from pg_operator o
  join pg_namespace n on n.oid = o.oprnamespace
  where ${managed} and ${standalone("pg_operator", "o.oid")}
union all
${row("operator class", "format('%I.%I USING %I', n.nspname, c.opcname, am.amname)", "pg_opclass", "c.oid")}
  from pg_opclass c join pg_am am on am.oid = c.opcmethod join pg_namespace n on n.oid = c.opcnamespace
  where ${managed} and ${standalone("pg_opclass", "c.oid")}
union all
${row("operator family", "format('%I.%I USING %I', n.nspname, f.opfname, am.amname)", "pg_opfamily", "f.oid")}
  from pg_opfamily f join pg_am am on am.oid = f.opfmethod join pg_namespace n on n.oid = f.opfnamespace
  where ${managed} and ${standalone("pg_opfamily", "f.oid")}
union all
${inSchema("text search configuration", "pg_ts_config", "cfgname", "cfgnamespace")}
union all
${inSchema("text search dictionary", "pg_ts_dict", "dictname", "dictnamespace")}
union all
${inSchema("text search parser", "pg_ts_parser", "prsname", "prsnamespace")}
union all
${inSchema("text search template", "pg_ts_template", "tmplname", "tmplnamespace")}
union all
${inSchema("conversion", "pg_conversion", "conname", "connamespace")}
union all
${row("transform", "format('FOR %s LANGUAGE %I', format_type(t.trftype, null), l.lanname)", "pg_transform", "t.oid")}
  from pg_transform t join pg_language l on l.oid = t.trflang where ${user("pg_transform", "t")}
union all
${row("access method", "format('%I', a.amname)", "pg_am", "a.oid")} from pg_am a where ${user("pg_am", "a")}
union all
${row("language", "format('%I', l.lanname)", "pg_language", "l.oid")} from pg_language l where ${user("pg_language", "l")}
union all
${row("language privilege", "format('%I', l.lanname)", null, "")}
  from pg_language l
  where not (${managedLanguage("l")}) and ${aclChanged("l.lanacl", "'pg_language'::regclass", "l.oid", "acldefault('l', l.lanowner)")}
union all
${row("extension member privilege", "m.name", null, "")} from (
  select format('function %s', p.oid::regprocedure) as name, p.proacl as acl, 'pg_proc'::regclass as catalog,
      p.oid, acldefault('f', p.proowner) as fallback, p.pronamespace as namespace
    from pg_proc p
  union all
  select format(case c.relkind when 'S' then 'sequence %s' when 'v' then 'view %s' when 'm' then 'materialized view %s'
      else 'table %s' end, c.oid::regclass), c.relacl, 'pg_class'::regclass, c.oid,
      acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner), c.relnamespace
    from pg_class c where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  union all
  select format('type %s', t.oid::regtype), t.typacl, 'pg_type'::regclass, t.oid, acldefault('T', t.typowner),
      t.typnamespace
    from pg_type t
) m
  join pg_namespace n on n.oid = m.namespace
  where ${managed} and ${aclChanged("m.acl", "m.catalog", "m.oid", "m.fallback")}
    and exists (select 1 from pg_depend x where x.classid = m.catalog and x.objid = m.oid and x.deptype = 'e')`;
  // A publication's tables are rows of pg_publication_rel, each depending on the table (auto).
  return `
select u.kind, u.name, (
  select coalesce(json_agg(json_build_array(d.catalog, d.oid, d.subid, d.auto)), '[]'::json) from (
    select d.refclassid::regclass::text as catalog, d.refobjid as oid, d.refobjsubid as subid, d.deptype = 'a' as auto
      from pg_depend d
      where d.classid = u.catalog::regclass and d.objid = u.oid and d.deptype in ('n', 'a') and d.refobjid >= ${USER_OID}
    union all
    select 'pg_class', pr.prrelid, 0, true from pg_publication_rel pr
      where u.catalog = 'pg_publication' and pr.prpubid = u.oid
  ) d) as depends
from (${objects}
) as u (kind, name, catalog, oid)`;
}
