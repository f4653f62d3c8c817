import type { Capabilities } from "../capabilities.js";
import { commentOf } from "./fragments.js";

export interface ExtensionRow {
  readonly oid: number;
  readonly name: string;
  readonly schema: string;
  readonly version: string;
  readonly relocatable: boolean;
  readonly comment: string | null;
}

/**
 * Extensions are database-wide. With a `schemas` filter only those installed into a managed schema
 * are listed; without one, every extension (including `plpgsql`, which lives in pg_catalog).
 */
export function extensionsQuery(_caps: Capabilities): string {
  return `
select e.oid::int as oid, e.extname as name, n.nspname as schema, e.extversion as version,
  e.extrelocatable as relocatable,
  ${commentOf("pg_extension", "e.oid")} as comment
from pg_extension e join pg_namespace n on n.oid = e.extnamespace
where $1::text[] is null or n.nspname = any($1::text[])
order by e.extname`;
}
