import { type Column, ids, type Table, type TableStats } from "@pg-flux/core";
import type { ColumnRow } from "../queries/columns.sql.js";
import type { TableRow } from "../queries/tables.sql.js";
import type { CatalogIds } from "./catalog-ids.js";
import {
  COMPRESSION,
  decode,
  GENERATED,
  IDENTITY,
  PARTITION_STRATEGY,
  PERSISTENCE,
  REPLICA_IDENTITY,
  STORAGE,
} from "./codes.js";
import { readBackForm } from "./expression-form.js";
import { collationText } from "./names.js";
import { sortedText } from "./order.js";
import { readPrivileges } from "./privileges.js";
import { partitionKeys } from "./text.js";

export function readColumn(row: ColumnRow): Column {
  return {
    id: ids.column(row.schema, row.table, row.name),
    name: row.name,
    position: row.position,
    type: {
      text: row.typeText,
      schema: row.typeSchema,
      name: row.typeName,
      typmod: row.typmod,
      arrayDimensions: row.arrayDimensions,
      category: row.category,
      storage: decode("storage", STORAGE, row.typeStorage),
    },
    collation: collationText(row.collationSchema, row.collationName),
    notNull: row.notNull,
    notNullConstraint: row.notNull ? row.notNullConstraint : null,
    default: row.default === null ? null : readBackForm(row.default, "plain"),
    identity:
      row.identity === "" || row.identitySequence === null
        ? null
        : { generation: decode("identity", IDENTITY, row.identity), sequence: row.identitySequence },
    generated:
      row.generated === "" || row.generatedExpression === null
        ? null
        : {
            expression: readBackForm(row.generatedExpression, "plain"),
            storage: decode("generated column", GENERATED, row.generated),
          },
    isLocal: row.isLocal,
    compression: row.compression === "" ? null : decode("compression", COMPRESSION, row.compression),
    storage: row.storage === row.typeStorage ? null : decode("storage", STORAGE, row.storage),
    statisticsTarget: row.statisticsTarget,
    options: sortedText(row.options ?? []),
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}

export function readTable(row: TableRow, columns: readonly Column[]): Table {
  const partitionBy =
    row.partitionStrategy === null || row.partitionKey === null
      ? null
      : {
          strategy: decode("partition strategy", PARTITION_STRATEGY, row.partitionStrategy),
          definition: row.partitionKey,
          keys: partitionKeys(row.partitionKey),
        };
  return {
    kind: "table",
    id: ids.table(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    persistence: decode("persistence", PERSISTENCE, row.persistence),
    columns,
    partitionBy,
    partitionOf:
      row.parentSchema === null || row.parentName === null || row.bound === null
        ? null
        : { parent: ids.table(row.parentSchema, row.parentName), bound: row.bound },
    inherits: row.inherits.map(([schema, name]) => ids.table(schema, name)),
    ...(row.ofTypeSchema === null || row.ofTypeName === null
      ? {}
      : { ofType: ids.type(row.ofTypeSchema, row.ofTypeName) }),
    ...(row.accessMethod === null ? {} : { accessMethod: row.accessMethod }),
    rowSecurity: row.rowSecurity,
    forceRowSecurity: row.forceRowSecurity,
    replicaIdentity: decode("replica identity", REPLICA_IDENTITY, row.replicaIdentity),
    replicaIdentityIndex:
      row.replicaIdentity === "i" && row.replicaIdentityIndex !== null
        ? ids.index(row.schema, row.replicaIdentityIndex)
        : null,
    clusterIndex: row.clusterIndex === null ? null : ids.index(row.schema, row.clusterIndex),
    options: sortedText(row.options ?? []),
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}

export interface TablesRead {
  readonly tables: Table[];
  readonly stats: Record<string, TableStats>;
}

/** Tables with their columns (rows arrive ordered by table, then attnum). */
export function readTables(
  rows: readonly TableRow[],
  columnRows: readonly ColumnRow[],
  catalog: CatalogIds,
): TablesRead {
  const columnsByTable = new Map<number, Column[]>();
  for (const row of columnRows) {
    const column = readColumn(row);
    const list = columnsByTable.get(row.tableOid);
    if (list) list.push(column);
    else columnsByTable.set(row.tableOid, [column]);
    catalog.set("pg_class", row.tableOid, column.id, row.position);
  }
  const tables: Table[] = [];
  const stats: Record<string, TableStats> = {};
  for (const row of rows) {
    const columns = (columnsByTable.get(row.oid) ?? []).sort((a, b) => a.position - b.position);
    const table = readTable(row, columns);
    tables.push(table);
    stats[table.id] = { reltuples: row.reltuples, relpages: row.relpages };
    catalog.set("pg_class", row.oid, table.id);
    catalog.set("pg_type", row.reltype, table.id);
  }
  return { tables, stats };
}
