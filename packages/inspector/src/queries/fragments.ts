import { FLUX_SCHEMA } from "@pg-flux/core";

/**
 * SQL fragments every catalog query shares. Each query takes one parameter, `$1::text[]`: the
 * managed schemas, or null for every non-system schema.
 */

/** Schemas pg-flux never reads: the system's, temporary ones, and its own schema `flux` (FLUX_SCHEMA). */
export const EXCLUDED_SCHEMAS = ["pg_catalog", "information_schema", "pg_toast", FLUX_SCHEMA] as const;

/** True when the namespace aliased `n` is a user schema inside the `schemas` filter. */
export function managedNamespace(n: string): string {
  const excluded = EXCLUDED_SCHEMAS.map((name) => `'${name}'`).join(", ");
  return (
    `(${n}.nspname not in (${excluded}) and ${n}.nspname !~ '^pg_(toast_)?temp_'` +
    ` and ($1::text[] is null or ${n}.nspname = any($1::text[])))`
  );
}

/**
 * A FROM item: `pg_class ${c}` joined to its `pg_namespace ${n}`, and with a `schemas` filter only
 * the relations that depend on a filtered schema, found through pg_depend's (refclassid, refobjid)
 * index. pg_class has no index on relnamespace: joined to the filtered namespaces it is read whole,
 * every tenant's relations for one tenant's read (100,000 at 1,000 tenants × 20 tables), in every
 * query that starts from it. Every relation created in a schema depends on it (tables, partitions,
 * views, materialized views, sequences, foreign tables), but indexes (they depend on their table),
 * TOAST tables and composite types' relations (the type depends on the schema) do not: only for
 * queries of the former kinds, which keep their `managedNamespace(n)` test. Without a filter, every
 * relation (the first branch; the planner drops the branch whose `$1` test is false).
 */
export function schemaRelations(c: string, n: string): string {
  return `(
    select r.oid from pg_class r where $1::text[] is null
    union all
    select d.objid from pg_namespace fn
    join pg_depend d on d.refclassid = 'pg_namespace'::regclass and d.refobjid = fn.oid
      and d.classid = 'pg_class'::regclass and d.objsubid = 0 and d.deptype = 'n'
    where $1::text[] is not null and fn.nspname = any($1::text[])
  ) ${c}_in
  join pg_class ${c} on ${c}.oid = ${c}_in.oid
  join pg_namespace ${n} on ${n}.oid = ${c}.relnamespace`;
}

/** True when the object is not a member of an extension (`pg_depend.deptype = 'e'`). */
export function notExtensionMember(catalog: string, oid: string): string {
  return (
    `not exists (select 1 from pg_depend x where x.classid = '${catalog}'::regclass` +
    ` and x.objid = ${oid} and x.deptype = 'e')`
  );
}

/** The comment on an object (or on one of its sub-objects when `subid` is given). */
export function commentOf(catalog: string, oid: string, subid = "0"): string {
  return (
    `(select d.description from pg_description d where d.classoid = '${catalog}'::regclass` +
    ` and d.objoid = ${oid} and d.objsubid = ${subid})`
  );
}

/**
 * Privileges as a JSON array of `{grantee, privilege, grantable}`. A null ACL means the defaults, so
 * it is expanded with `acldefault`; that keeps "never granted" (e.g. EXECUTE to PUBLIC on a new
 * function) apart from "revoked". The owner's own entries are left out: an owner holds every
 * privilege implicitly, and pg-flux does not model revoking privileges from an object's owner.
 * Grantee 0 is PUBLIC. Sorting happens in TypeScript (see read/privileges.ts).
 */
export function privilegesOf(acl: string, owner: string, aclKind: string | null): string {
  const expanded = aclKind === null ? acl : `coalesce(${acl}, acldefault('${aclKind}', ${owner}))`;
  const notOwner = `a.grantee <> ${owner}`;
  return (
    `(select coalesce(json_agg(json_build_object(` +
    `'grantee', case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end,` +
    ` 'privilege', a.privilege_type, 'grantable', a.is_grantable)), '[]'::json)` +
    ` from aclexplode(${expanded}) a where ${notOwner})`
  );
}

/**
 * The object a pg_depend row aliased `d` references, told the way the state tells it: a reference to
 * an array type is one to its element type, one to an extension's member (its function, its type)
 * one to the extension. `joins` goes in the FROM clause (aliases `rt`, `em`); `catalog`, `oid` and
 * `subid` are select-list expressions.
 */
export const REFERENCED = {
  joins: `left join pg_type rt on d.refclassid = 'pg_type'::regclass and rt.oid = d.refobjid
  and rt.typcategory = 'A' and rt.typelem <> 0
left join pg_depend em on em.classid = d.refclassid and em.objid = coalesce(rt.typelem, d.refobjid)
  and em.objsubid = 0 and em.refclassid = 'pg_extension'::regclass and em.deptype = 'e'`,
  catalog: "case when em.refobjid is not null then 'pg_extension' else d.refclassid::regclass::text end",
  oid: "coalesce(em.refobjid, rt.typelem, d.refobjid)",
  subid: "case when em.refobjid is not null then 0 else d.refobjsubid end",
} as const;

/**
 * Where the rows of a catalog pg_depend names live, for the catalogs whose every row is in one
 * schema: a column naming the namespace (pg_namespace's rows are their own), or the table (a
 * pg_class row) whose schema is the row's. A catalog not listed here (pg_cast, pg_extension,
 * pg_language, …) has no schema: a filtered read keeps all its rows.
 */
const SCHEMA_OF: Readonly<Record<string, { readonly namespace: string } | { readonly table: string }>> = {
  pg_namespace: { namespace: "oid" },
  pg_class: { namespace: "relnamespace" },
  pg_proc: { namespace: "pronamespace" },
  pg_type: { namespace: "typnamespace" },
  pg_constraint: { namespace: "connamespace" },
  pg_collation: { namespace: "collnamespace" },
  pg_statistic_ext: { namespace: "stxnamespace" },
  pg_operator: { namespace: "oprnamespace" },
  pg_opclass: { namespace: "opcnamespace" },
  pg_opfamily: { namespace: "opfnamespace" },
  pg_conversion: { namespace: "connamespace" },
  pg_ts_config: { namespace: "cfgnamespace" },
  pg_ts_dict: { namespace: "dictnamespace" },
  pg_ts_parser: { namespace: "prsnamespace" },
  pg_ts_template: { namespace: "tmplnamespace" },
  pg_trigger: { table: "tgrelid" },
  pg_policy: { table: "polrelid" },
  pg_rewrite: { table: "ev_class" },
  pg_attrdef: { table: "adrelid" },
};

/**
 * Catalogs only a superuser may read, by the view every role may read them through: an inspection
 * runs as whatever role the user gives it (a throwaway role on a shadow server, a read-only role in
 * production), and naming the catalog itself is "permission denied" for any other role.
 */
const READABLE: Readonly<Record<string, string>> = {
  pg_user_mapping: "(select umid as oid from pg_user_mappings)",
};

/** The catalogs whose rows each live in one schema (SCHEMA_OF). */
export const SCHEMA_BOUND_CATALOGS: readonly string[] = Object.keys(SCHEMA_OF);

/** Catalog names as a list of oids: `'pg_class'::regclass, 'pg_proc'::regclass`. */
export function regclasses(catalogs: readonly string[]): string {
  return catalogs.map((catalog) => `'${catalog}'::regclass`).join(", ");
}

/**
 * `(classid, oid)` of the rows of `catalogs` a read with a `schemas` filter keeps, nothing without
 * one: those of a schema-bound catalog in a schema of the filter (the rows that belong to a table
 * found from the filtered schemas' relations, read once), every user row (oid >= 16384) of any other.
 */
export function filteredObjects(catalogs: readonly string[]): string {
  const rows = catalogs.map((catalog) => {
    const place = SCHEMA_OF[catalog];
    const select = `select '${catalog}'::regclass as classid, o.oid from ${READABLE[catalog] ?? catalog} o`;
    if (!place) return `${select} where $1::text[] is not null and o.oid >= 16384`;
    if ("table" in place) return `${select} join filtered_relation r on r.oid = o.${place.table}`;
    return `${select} join filtered_namespace n on n.oid = o.${place.namespace}`;
  });
  return `with filtered_namespace as materialized (
    select n.oid from pg_namespace n where $1::text[] is not null and ${managedNamespace("n")}
  ), filtered_relation as materialized (
    select c.oid from pg_class c join filtered_namespace n on n.oid = c.relnamespace
  )
  ${rows.join("\n  union all\n  ")}`;
}

/**
 * The pg_depend rows of `objects` (a `(classid, oid)` row set) as dependents or as referenced
 * objects, each looked up through pg_depend's index on that side: a filtered read of pg_depend
 * costs what the filtered schemas hold, not what the database holds (a fleet's 1,000 tenant
 * schemas). `offset 0` keeps the lookup a per-object index scan; joined freely, the planner hashes
 * all of pg_depend instead.
 */
export function dependRowsOf(objects: string, side: "dependent" | "referenced"): string {
  const [classid, objid] = side === "dependent" ? ["classid", "objid"] : ["refclassid", "refobjid"];
  return `select d.* from (
  ${objects}
  ) o cross join lateral (
    select * from pg_depend d where d.${classid} = o.classid and d.${objid} = o.oid offset 0
  ) d`;
}
