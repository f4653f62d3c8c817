import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type TextSearchConfiguration = CollectionModels["textSearchConfigurations"];

export interface TextSearchConfigurationRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly parser: TextSearchConfiguration["parser"];
  readonly mappings: TextSearchConfiguration["mappings"];
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * Text search configurations (pg_ts_config) in the managed schemas, with their mappings: each
 * mapped token type by its parser's alias (`ts_token_type`), in the parser's order, with its
 * dictionaries in lookup order. The same on PostgreSQL 14–18.
 */
function textSearchConfigurationsQuery(_caps: Capabilities): string {
  return `
select c.oid, n.nspname as schema, c.cfgname as name,
  json_build_object('schema', pn.nspname, 'name', p.prsname) as parser,
  coalesce((select json_agg(json_build_object('token', t.alias, 'dictionaries', (
      select json_agg(json_build_object('schema', dn.nspname, 'name', d.dictname) order by m.mapseqno)
      from pg_ts_config_map m
      join pg_ts_dict d on d.oid = m.mapdict
      join pg_namespace dn on dn.oid = d.dictnamespace
      where m.mapcfg = c.oid and m.maptokentype = t.tokid)) order by t.tokid)
    from ts_token_type(c.cfgparser) t
    where exists (select 1 from pg_ts_config_map m where m.mapcfg = c.oid and m.maptokentype = t.tokid)),
    '[]'::json) as mappings,
  pg_get_userbyid(c.cfgowner) as owner,
  ${commentOf("pg_ts_config", "c.oid")} as comment
from pg_ts_config c
join pg_namespace n on n.oid = c.cfgnamespace
join pg_ts_parser p on p.oid = c.cfgparser
join pg_namespace pn on pn.oid = p.prsnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_ts_config", "c.oid")}
order by n.nspname, c.cfgname`;
}

function readTextSearchConfiguration(row: TextSearchConfigurationRow): Omit<TextSearchConfiguration, "id"> {
  return {
    kind: "text_search_configuration",
    schema: row.schema,
    name: row.name,
    parser: row.parser,
    mappings: row.mappings,
    owner: row.owner,
    comment: row.comment,
  };
}

export const textSearchConfigurationsKind: KindQuery<"textSearchConfigurations", TextSearchConfigurationRow> =
  {
    catalog: "pg_ts_config",
    query: textSearchConfigurationsQuery,
    read: readTextSearchConfiguration,
  };
