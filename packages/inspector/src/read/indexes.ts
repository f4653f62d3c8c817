import { type Index, ids } from "@pg-flux/core";
import type { IndexRow } from "../queries/indexes.sql.js";
import { readBackForm } from "./expression-form.js";
import { collationText, opclassText } from "./names.js";
import { sortedText } from "./order.js";

export function readIndex(row: IndexRow): Index {
  const tableId =
    row.tableKind === "m"
      ? ids.materializedView(row.tableSchema, row.table)
      : ids.table(row.tableSchema, row.table);
  return {
    kind: "index",
    id: ids.index(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    table: tableId,
    definition: readBackForm(row.definition, "plain"),
    method: row.method,
    unique: row.unique,
    nullsNotDistinct: row.nullsNotDistinct,
    primary: row.primary,
    keys: row.keys.map((key) => ({
      expression: readBackForm(key.expression, "pretty"),
      opclass: key.opclassIsDefault ? null : opclassText(key.opclassSchema, key.opclassName),
      collation: collationText(key.collationSchema, key.collationName),
      descending: key.descending,
      nullsFirst: key.nullsFirst,
    })),
    include: row.include,
    predicate: row.predicate === null ? null : readBackForm(row.predicate, "plain"),
    options: sortedText(row.options ?? []),
    valid: row.valid,
    constraint: row.constraint === null ? null : ids.constraint(row.tableSchema, row.table, row.constraint),
    parentIndex:
      row.parentSchema === null || row.parentName === null
        ? null
        : ids.index(row.parentSchema, row.parentName),
    columnStatistics: row.keys.flatMap((key, i) =>
      key.statisticsTarget === null ? [] : [{ column: i + 1, target: key.statisticsTarget }],
    ),
    comment: row.comment,
  };
}
