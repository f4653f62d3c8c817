import { skipSpaceAndComments } from "@pg-flux/core";
import type { Node, RangeVar } from "libpg-query";
import type { SqlSource } from "./sql-source.js";
import { byteOffsetMapper, lineAndColumn } from "./text-offsets.js";

/** Something worth saying before SQL runs that does not stop the push. */
export interface PushWarning {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * On a pooled (`v2_shared`) target, statements run with `search_path` set to the tenant schema, so an
 * unqualified `create table moods` lands in the tenant schema. A relation explicitly qualified with
 * `public.` does not: PostgREST serves the tenant schema and answers requests touching it with
 * permission errors. A file that sets search_path itself defeats the default, so it is flagged too.
 */
export function tenantPlacementWarnings(source: SqlSource, tenantSchema: string): PushWarning[] {
  const warnings: PushWarning[] = [];
  const toOffset = byteOffsetMapper(source.text);
  for (const statement of source.statements) {
    if (!statement.node) continue;
    const at = (offset: number) => lineAndColumn(source.text, offset);
    const created = createdRelation(statement.node);
    if (created?.relation.schemaname === "public") {
      const location = created.relation.location;
      const where = at(
        location !== undefined && location >= 0
          ? toOffset(location)
          : skipSpaceAndComments(source.text, statement.start),
      );
      warnings.push({
        file: source.file,
        line: where.line,
        column: where.column,
        message: `creates ${created.kind} public.${created.relation.relname ?? "?"} instead of in tenant schema ${tenantSchema}: on v2_shared, API tables must live in the tenant schema, otherwise PostgREST answers requests for them with permission errors`,
        hint: `drop the "public." qualification (statements run with search_path = ${tenantSchema}) or qualify with ${tenantSchema}.`,
      });
    }
    if ("VariableSetStmt" in statement.node && statement.node.VariableSetStmt.name === "search_path") {
      const where = at(skipSpaceAndComments(source.text, statement.start));
      warnings.push({
        file: source.file,
        line: where.line,
        column: where.column,
        message: `sets search_path itself; objects created after this line may not land in tenant schema ${tenantSchema}`,
        hint: `remove the SET (pg-flux sets search_path = ${tenantSchema}) or schema-qualify objects explicitly`,
      });
    }
  }
  return warnings;
}

function createdRelation(node: Node): { kind: string; relation: RangeVar } | undefined {
  if ("CreateStmt" in node && node.CreateStmt.relation)
    return { kind: "table", relation: node.CreateStmt.relation };
  if ("CreateTableAsStmt" in node && node.CreateTableAsStmt.into?.rel) {
    const kind = node.CreateTableAsStmt.objtype === "OBJECT_MATVIEW" ? "materialized view" : "table";
    return { kind, relation: node.CreateTableAsStmt.into.rel };
  }
  if ("ViewStmt" in node && node.ViewStmt.view) return { kind: "view", relation: node.ViewStmt.view };
  return undefined;
}
