import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { hazard } from "../../step/step.js";
import type { AlterStatement } from "../definition/definition.js";
import { identList, relationName } from "../sql.js";
import { PUBLISH_ACTIONS, type Publication, type PublicationTable } from "./publication.model.js";

/** `PUBLICATION name`: how COMMENT ON and ALTER … OWNER TO name it. */
export function publicationTarget(publication: Publication): string {
  return `PUBLICATION ${quoteIdent(publication.name)}`;
}

/**
 * `ONLY t (a, b) WHERE (filter)`: always ONLY — a table listed without it brings its inheritance
 * children along, and they are entries of their own (publication.model.ts).
 */
function tableSpec(table: PublicationTable, withDetails: boolean): string {
  const name = `ONLY ${relationName(table.schema, table.name)}`;
  if (!withDetails) return name;
  const columns = table.columns === null ? "" : ` (${identList(table.columns)})`;
  const where = table.where === null ? "" : ` WHERE (${table.where})`;
  return `${name}${columns}${where}`;
}

/**
 * `TABLE ONLY a, ONLY b, TABLES IN SCHEMA s, t`: the objects of a FOR, ADD or DROP clause (the
 * table list is one TABLE clause, as PostgreSQL 14 requires).
 */
function objectList(
  tables: readonly PublicationTable[],
  schemas: readonly string[],
  withDetails: boolean,
): string {
  const parts: string[] = [];
  if (tables.length > 0) parts.push(`TABLE ${tables.map((t) => tableSpec(t, withDetails)).join(", ")}`);
  if (schemas.length > 0) parts.push(`TABLES IN SCHEMA ${identList(schemas)}`);
  return parts.join(", ");
}

function publishValue(publication: Publication): string {
  return quoteLiteral(publication.publish.join(", "));
}

/** The WITH options that differ from PostgreSQL's defaults. */
function withOptions(publication: Publication): string {
  const options = [
    ...(publication.publish.length === PUBLISH_ACTIONS.length
      ? []
      : [`publish = ${publishValue(publication)}`]),
    ...(publication.viaPartitionRoot ? ["publish_via_partition_root = true"] : []),
    ...(publication.generatedColumns === "none"
      ? []
      : [`publish_generated_columns = ${publication.generatedColumns}`]),
  ];
  return options.length === 0 ? "" : ` WITH (${options.join(", ")})`;
}

/**
 * `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE ONLY t (cols) WHERE (…), …, TABLES IN SCHEMA s]
 * [WITH (publish = '…', publish_via_partition_root = true, publish_generated_columns = stored)];`
 * https://www.postgresql.org/docs/current/sql-createpublication.html
 */
export function renderCreatePublication(publication: Publication): string {
  const objects = publication.allTables
    ? " FOR ALL TABLES"
    : publication.tables.length + publication.schemas.length > 0
      ? ` FOR ${objectList(publication.tables, publication.schemas, true)}`
      : "";
  return `CREATE PUBLICATION ${quoteIdent(publication.name)}${objects}${withOptions(publication)};`;
}

/**
 * `DROP PUBLICATION name;`
 * https://www.postgresql.org/docs/current/sql-droppublication.html
 */
export function renderDropPublication(publication: Publication): string {
  return `DROP PUBLICATION ${quoteIdent(publication.name)};`;
}

const tableKey = (table: PublicationTable) => `${table.schema}\u0000${table.name}`;
const sameTable = (a: PublicationTable, b: PublicationTable) =>
  a.where === b.where && JSON.stringify(a.columns) === JSON.stringify(b.columns);

/**
 * The in-place change from `from` to `to`, or null when only DROP + CREATE gets there (FOR ALL
 * TABLES cannot be added or removed): `ALTER PUBLICATION p DROP TABLE …, TABLES IN SCHEMA …` for
 * the tables and schemas that leave (and the tables whose column list or row filter changes:
 * PostgreSQL 15–18 set those only by listing the table again), then `SET (…)` for the options, then
 * `ADD …`. The DROP carries PUBLICATION_DROP: subscribers stop receiving those tables' changes.
 * https://www.postgresql.org/docs/current/sql-alterpublication.html
 */
export function renderAlterPublication(from: Publication, to: Publication): readonly AlterStatement[] | null {
  if (from.allTables !== to.allTables) return null;
  const name = quoteIdent(to.name);
  const before = new Map(from.tables.map((table) => [tableKey(table), table]));
  const after = new Map(to.tables.map((table) => [tableKey(table), table]));
  const changed = (table: PublicationTable, other: Map<string, PublicationTable>) => {
    const same = other.get(tableKey(table));
    return same === undefined || !sameTable(table, same);
  };
  const leaving = from.tables.filter((table) => changed(table, after));
  const entering = to.tables.filter((table) => changed(table, before));
  const schemasLeaving = from.schemas.filter((schema) => !to.schemas.includes(schema));
  const schemasEntering = to.schemas.filter((schema) => !from.schemas.includes(schema));
  const statements: AlterStatement[] = [];
  if (leaving.length + schemasLeaving.length > 0) {
    const back = leaving.filter((table) => after.has(tableKey(table)));
    const again =
      back.length === 0
        ? ""
        : ` (${back.map((t) => relationName(t.schema, t.name)).join(", ")} added back with a new column list or row filter)`;
    statements.push({
      sql: `ALTER PUBLICATION ${name} DROP ${objectList(leaving, schemasLeaving, false)};`,
      hazards: [
        hazard(
          "PUBLICATION_DROP",
          `subscribers of publication ${name} stop receiving the changes of what it drops${again}`,
        ),
      ],
    });
  }
  const options = [
    ...(from.publish.join() === to.publish.join() ? [] : [`publish = ${publishValue(to)}`]),
    ...(from.viaPartitionRoot === to.viaPartitionRoot
      ? []
      : [`publish_via_partition_root = ${to.viaPartitionRoot}`]),
    ...(from.generatedColumns === to.generatedColumns
      ? []
      : [`publish_generated_columns = ${to.generatedColumns}`]),
  ];
  if (options.length > 0) statements.push(`ALTER PUBLICATION ${name} SET (${options.join(", ")});`);
  if (entering.length + schemasEntering.length > 0)
    statements.push(`ALTER PUBLICATION ${name} ADD ${objectList(entering, schemasEntering, true)};`);
  return statements;
}
