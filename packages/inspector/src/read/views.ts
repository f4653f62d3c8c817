import {
  ids,
  type MaterializedView,
  type MaterializedViewColumnSettings,
  PgFluxError,
  type View,
  type ViewWrites,
} from "@pg-flux/core";
import type { ViewRow } from "../queries/views.sql.js";
import { decode, STORAGE } from "./codes.js";
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
    case "m": {
      const columnSettings = readColumnSettings(row);
      return {
        kind: "materialized_view",
        id: ids.materializedView(row.schema, row.name),
        ...common,
        options: sortedText(options),
        populated: row.populated,
        ...(row.accessMethod === null ? {} : { accessMethod: row.accessMethod }),
        ...(columnSettings ? { columnSettings } : {}),
      };
    }
    default:
      throw new PgFluxError(`unexpected relkind '${row.relkind}' for view ${row.schema}.${row.name}`, {
        code: "runtime",
      });
  }
}

/** A materialized view's column settings (storage only where it differs from the type's); undefined when none. */
function readColumnSettings(row: ViewRow): MaterializedView["columnSettings"] {
  const entries = Object.entries(row.columnSettings ?? {})
    .map(([name, column]): [string, MaterializedViewColumnSettings] => [
      name,
      {
        storage: column.storage === column.typeStorage ? null : decode("storage", STORAGE, column.storage),
        typeStorage: decode("storage", STORAGE, column.typeStorage),
        statisticsTarget: column.statisticsTarget,
        options: sortedText(column.options ?? []),
      },
    ])
    .filter(([, s]) => s.storage !== null || s.statisticsTarget !== null || s.options.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
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
