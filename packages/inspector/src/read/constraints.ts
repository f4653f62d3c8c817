import { type Constraint, ids, PgFluxError } from "@pg-flux/core";
import type { ConstraintRow } from "../queries/constraints.sql.js";
import { decode, MATCH, REFERENTIAL_ACTION, required } from "./codes.js";
import { readBackForm } from "./expression-form.js";

function indexId(row: ConstraintRow, id: string): string {
  return ids.index(required(row.indexSchema, "index schema", id), required(row.indexName, "index", id));
}

export function readConstraint(row: ConstraintRow): Constraint {
  const base = {
    id: ids.constraint(row.schema, row.table, row.name),
    schema: row.schema,
    table: ids.table(row.schema, row.table),
    name: row.name,
    definition: readBackForm(row.definition, "plain"),
    deferrable: row.deferrable,
    initiallyDeferred: row.initiallyDeferred,
    validated: row.validated,
    enforced: row.enforced,
    isLocal: row.isLocal,
    // NO INHERIT only means something for CHECK and NOT NULL; PG 18 also sets connoinherit on
    // keys, PG 14 does not, so other kinds report false on every version.
    noInherit: (row.type === "c" || row.type === "n") && row.noInherit,
    comment: row.comment,
  };
  switch (row.type) {
    case "p":
      return { ...base, kind: "primary_key", columns: row.columns, index: indexId(row, base.id) };
    case "u":
      return {
        ...base,
        kind: "unique",
        columns: row.columns,
        index: indexId(row, base.id),
        nullsNotDistinct: row.nullsNotDistinct,
      };
    case "c":
      return {
        ...base,
        kind: "check",
        expression: readBackForm(required(row.expression, "check expression", base.id), "plain"),
      };
    case "f":
      return {
        ...base,
        kind: "foreign_key",
        columns: row.columns,
        referencedTable: ids.table(
          required(row.referencedSchema, "referenced schema", base.id),
          required(row.referencedTable, "referenced table", base.id),
        ),
        referencedColumns: row.referencedColumns,
        match: decode("foreign key match", MATCH, row.match),
        onUpdate: decode("referential action", REFERENTIAL_ACTION, row.onUpdate),
        onDelete: decode("referential action", REFERENTIAL_ACTION, row.onDelete),
      };
    case "x":
      return { ...base, kind: "exclude", index: indexId(row, base.id) };
    case "n":
      return {
        ...base,
        kind: "not_null",
        column: required(row.columns[0] ?? null, "not-null column", base.id),
      };
    default:
      throw new PgFluxError(`unknown constraint type '${row.type}' on ${base.id}`, {
        code: "runtime",
        objectId: base.id,
      });
  }
}
