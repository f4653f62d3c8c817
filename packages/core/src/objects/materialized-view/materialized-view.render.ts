import type { MaterializedView } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import { viewQuery, withOptions } from "../view/view.render.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * ```
 * CREATE MATERIALIZED VIEW name [USING method] [WITH (storage_parameter = value [, …])] AS
 * query
 * WITH [NO] DATA;
 * ```
 * `WITH DATA` when the desired materialized view is populated.
 * https://www.postgresql.org/docs/current/sql-creatematerializedview.html
 */
export function renderCreateMaterializedView(view: MaterializedView): string {
  const data = view.populated ? "WITH DATA" : "WITH NO DATA";
  const using = view.accessMethod === undefined ? "" : ` USING ${quoteIdent(view.accessMethod)}`;
  return `CREATE MATERIALIZED VIEW ${relationName(view.schema, view.name)}${using}${withOptions(view.options)} AS\n${viewQuery(view.definition)}\n${data};`;
}

/**
 * `ALTER MATERIALIZED VIEW name SET ACCESS METHOD method;` (PostgreSQL 15+; `heap` for one that had
 * another).
 * https://www.postgresql.org/docs/current/sql-altermaterializedview.html
 */
export function renderSetMaterializedViewAccessMethod(view: Named, method: string | undefined): string {
  return `ALTER MATERIALIZED VIEW ${relationName(view.schema, view.name)} SET ACCESS METHOD ${quoteIdent(method ?? "heap")};`;
}

/**
 * `DROP MATERIALIZED VIEW name;`
 * https://www.postgresql.org/docs/current/sql-dropmaterializedview.html
 */
export function renderDropMaterializedView(view: Named): string {
  return `DROP MATERIALIZED VIEW ${relationName(view.schema, view.name)};`;
}

/**
 * `REFRESH MATERIALIZED VIEW name;`
 * https://www.postgresql.org/docs/current/sql-refreshmaterializedview.html
 */
export function renderRefreshMaterializedView(view: Named): string {
  return `REFRESH MATERIALIZED VIEW ${relationName(view.schema, view.name)};`;
}
