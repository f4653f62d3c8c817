import { ids, type MaterializedView, PgFluxError, type View, type ViewWrites } from "@pg-flux/core";
import type { ViewRow } from "../queries/views.sql.js";
import { readBackForm } from "./expression-form.js";
import { sortedKeys, sortedText } from "./order.js";
import { readPrivileges } from "./privileges.js";

const CHECK_OPTION = /^check_option=(local|cascaded)$/;

export function readView(row: ViewRow): View | MaterializedView {
  const options = row.options ?? [];
  const common = {
    schema: row.schema,
    name: row.name,
    definition: readBackForm(row.definition, "pretty"),
    columns: row.columns,
    owner: row.owner,
    comment: row.comment,
    columnComments: sortedKeys(row.columnComments),
    privileges: readPrivileges(row.privileges),
  };
  switch (row.relkind) {
    case "v": {
      let checkOption: View["checkOption"] = null;
      const rest: string[] = [];
      for (const option of options) {
        const match = CHECK_OPTION.exec(option);
        if (match?.[1] === "local" || match?.[1] === "cascaded") checkOption = match[1];
        else rest.push(option);
      }
      return {
        kind: "view",
        id: ids.view(row.schema, row.name),
        ...common,
        checkOption,
        options: sortedText(rest),
        writable: readWrites(row),
      };
    }
    case "m":
      return {
        kind: "materialized_view",
        id: ids.materializedView(row.schema, row.name),
        ...common,
        options: sortedText(options),
        populated: row.populated,
      };
    default:
      throw new PgFluxError(`unexpected relkind '${row.relkind}' for view ${row.schema}.${row.name}`, {
        code: "runtime",
      });
  }
}

const UPDATE = 1 << 2;
const INSERT = 1 << 3;

/**
 * What INSERT and UPDATE may write through a view. An automatically updatable view writes the
 * columns PostgreSQL can map to its base table (not computed ones); where an INSTEAD OF trigger or
 * rule adds a command, that command takes every column (the trigger decides).
 */
function readWrites(row: ViewRow): ViewWrites {
  const insert = (row.writeEvents & INSERT) !== 0;
  const update = (row.writeEvents & UPDATE) !== 0;
  const byTrigger =
    (insert && (row.autoWriteEvents & INSERT) === 0) || (update && (row.autoWriteEvents & UPDATE) === 0);
  return {
    insert,
    update,
    columns: !insert && !update ? [] : byTrigger ? row.columns : row.autoWritableColumns,
  };
}
