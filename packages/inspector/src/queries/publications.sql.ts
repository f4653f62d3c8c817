import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { decode } from "../read/codes.js";
import { compareText, sortedText } from "../read/order.js";
import { commentOf, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type Publication = CollectionModels["publications"];

export interface PublicationRow {
  readonly oid: number;
  readonly name: string;
  readonly allTables: boolean;
  readonly insert: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly truncate: boolean;
  readonly viaPartitionRoot: boolean;
  /** pubgencols (PostgreSQL 18): `n` none, `s` stored. */
  readonly generatedColumns: string;
  readonly tables: readonly {
    readonly schema: string;
    readonly name: string;
    readonly columns: readonly string[] | null;
    readonly where: string | null;
  }[];
  readonly schemas: readonly string[];
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * Publications (pg_publication), extension members left out: each table a row of
 * pg_publication_rel (an inheritance child listed by its parent is a row of its own), with its
 * column list and row filter on PostgreSQL 15+, and the schemas of `FOR TABLES IN SCHEMA` (15+).
 * Publications belong to the database: the `schemas` filter is applied by core.
 */
function publicationsQuery(caps: Capabilities): string {
  const columns = caps.publicationFilters
    ? `case when pr.prattrs is null then null else (select json_agg(a.attname order by a.attnum)
        from pg_attribute a where a.attrelid = pr.prrelid and a.attnum = any(pr.prattrs::int2[])) end`
    : "null::json";
  const where = caps.publicationFilters ? "pg_get_expr(pr.prqual, pr.prrelid)" : "null::text";
  const schemas = caps.publicationFilters
    ? `array(select n.nspname::text from pg_publication_namespace pn join pg_namespace n on n.oid = pn.pnnspid
        where pn.pnpubid = p.oid)`
    : "array[]::text[]";
  const generated = caps.publicationGeneratedColumns ? "p.pubgencols::text" : "'n'::text";
  return `
select p.oid, p.pubname as name, p.puballtables as "allTables", p.pubinsert as insert,
  p.pubupdate as update, p.pubdelete as delete, p.pubtruncate as truncate,
  p.pubviaroot as "viaPartitionRoot", ${generated} as "generatedColumns",
  (select coalesce(json_agg(json_build_object('schema', n.nspname, 'name', c.relname,
      'columns', ${columns}, 'where', ${where})), '[]'::json)
    from pg_publication_rel pr join pg_class c on c.oid = pr.prrelid
    join pg_namespace n on n.oid = c.relnamespace
    where pr.prpubid = p.oid) as tables,
  ${schemas} as schemas,
  pg_get_userbyid(p.pubowner) as owner, ${commentOf("pg_publication", "p.oid")} as comment
from pg_publication p
where ${notExtensionMember("pg_publication", "p.oid")}
order by p.pubname`;
}

const GENERATED = { n: "none", s: "stored" } as const;

function readPublication(row: PublicationRow): Omit<Publication, "id"> {
  return {
    kind: "publication",
    name: row.name,
    allTables: row.allTables,
    tables: [...row.tables].sort((a, b) => compareText(a.schema, b.schema) || compareText(a.name, b.name)),
    schemas: sortedText(row.schemas),
    publish: (["insert", "update", "delete", "truncate"] as const).filter((action) => row[action]),
    viaPartitionRoot: row.viaPartitionRoot,
    generatedColumns: decode("publish_generated_columns", GENERATED, row.generatedColumns),
    owner: row.owner,
    comment: row.comment,
  };
}

export const publicationsKind: KindQuery<"publications", PublicationRow> = {
  catalog: "pg_publication",
  query: publicationsQuery,
  read: readPublication,
};
