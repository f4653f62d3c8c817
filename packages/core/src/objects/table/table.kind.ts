import type { TypeReferenceRewriter } from "../../diff/type-references.js";
import { ids } from "../../model/ids.js";
import type { Column } from "../../model/state.js";
import { type KindSpec, type RenameScope, relationTarget } from "../kind.js";

/** A table holds its columns' ids: a renamed table or column renames them. */
export const tableKind: KindSpec<"tables"> = {
  ids: (table) => [table.id, ...table.columns.map((column) => column.id)],
  managed: (table, { isManaged }) => isManaged(table.schema),
  rename: {
    identity: (table, scope) => {
      const identity = scope.tableOf(table.id) ?? table;
      const columns = table.columns.map((column): Column => {
        const name = scope.columnName(column.id) ?? column.name;
        const id = ids.column(identity.schema, identity.name, name);
        return { ...renameColumnTypes(column, scope.typeRefs, scope.typeOf), id, name };
      });
      const id = ids.table(identity.schema, identity.name);
      return { ...table, id, schema: identity.schema, name: identity.name, columns };
    },
    references: (table, mapId) => ({
      ...table,
      partitionOf: table.partitionOf
        ? { ...table.partitionOf, parent: mapId(table.partitionOf.parent) }
        : null,
      inherits: table.inherits.map(mapId),
      ...(table.ofType === undefined ? {} : { ofType: mapId(table.ofType) }),
      replicaIdentityIndex: table.replicaIdentityIndex === null ? null : mapId(table.replicaIdentityIndex),
      clusterIndex: table.clusterIndex === null ? null : mapId(table.clusterIndex),
    }),
  },
  fingerprint: "always",
  owned: { target: relationTarget, rank: 2 },
  definition: null,
};

/** A column's type (`public.status[]`), its default and generation expression, after type renames. */
function renameColumnTypes(
  column: Column,
  refs: TypeReferenceRewriter,
  typeOf: RenameScope["typeOf"],
): Column {
  if (refs.empty) return column;
  const renamed = typeOf(column.type.schema, column.type.name);
  return {
    ...column,
    type: renamed ? { ...column.type, ...renamed, text: refs.typeText(column.type.text) } : column.type,
    default: column.default === null ? null : refs.casts(column.default),
    generated: column.generated
      ? { ...column.generated, expression: refs.casts(column.generated.expression) }
      : null,
  };
}
