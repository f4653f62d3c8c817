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
