import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { lockOn } from "../../step/step.js";
import { foreignServerId } from "../foreign-server/foreign-server.model.js";
import { type DefinitionKindSpec, hintedIdentity, noReferences, ownId, renamedName } from "../kind.js";
import { type ForeignTable, foreignTableId } from "./foreign-table.model.js";
import {
  foreignTableTarget,
  renderAlterForeignTable,
  renderCreateForeignTable,
  renderDropForeignTable,
} from "./foreign-table.render.js";

/**
 * Foreign tables (`CREATE FOREIGN TABLE`): created after their server, schema and column types,
 * before the views that read them; columns, options and column options changed in place by ALTER
 * FOREIGN TABLE, another server (or a column order ADD COLUMN cannot give) dropped and created
 * again — refused while a view uses it. Nothing local is lost by a drop: the rows live on the
 * foreign server.
 */
export const foreignTableKind: DefinitionKindSpec<ForeignTable> = {
  ids: ownId,
  managed: (table, { isManaged }) => isManaged(table.schema),
  rename: {
    identity: (table, { inSchema, hinted, typeRefs }) => {
      const moved = hintedIdentity(table, hinted, inSchema, foreignTableId);
      return {
        ...moved,
        server: renamedName(table.server, foreignServerId, hinted),
        columns: moved.columns.map((column) => ({ ...column, type: typeRefs.names(column.type) })),
      };
    },
    references: noReferences,
  },
  fingerprint: "when_present",
  owned: {
    target: (table) => ({ kind: "foreign_table", schema: table.schema, name: table.name }),
    rank: 32,
  },
  definition: {
    id: (table) => foreignTableId(table.schema, table.name),
    noun: "foreign_table",
    catalogKinds: ["foreign table"],
    target: foreignTableTarget,
    create: renderCreateForeignTable,
    drop: renderDropForeignTable,
    alter: renderAlterForeignTable,
    requires: (table) => [ids.schema(table.schema), foreignServerId(table.server)],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_TABLE, drop: PRIORITY.DROP_TABLE },
    lock: (table) => lockOn("access_exclusive", table.id),
  },
};
