import type { TypeReferenceRewriter } from "../../diff/type-references.js";
import { ids } from "../../model/ids.js";
import type { Constraint } from "../../model/state.js";
import { type KindSpec, ownId } from "../kind.js";

/** A constraint moves with its table; its columns and deparsed text follow column and type renames. */
export const constraintKind: KindSpec<"constraints"> = {
  ids: ownId,
  managed: (constraint, { isManaged }) => isManaged(constraint.schema),
  rename: {
    identity: (constraint, { tableOf, inSchema, hinted, renamedColumn, typeRefs }) => {
      const table = tableOf(constraint.table);
      const schema = table?.schema ?? inSchema(constraint.schema);
      const name = hinted(constraint.id)?.name ?? constraint.name;
      const id = ids.constraint(schema, table?.name ?? constraint.table, name);
      return renameConstraintTypes(
        renameConstraintColumns({ ...constraint, id, schema, name }, renamedColumn),
        typeRefs,
      );
    },
    references: mapConstraintRefs,
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};

function renameConstraintColumns(
  constraint: Constraint,
  renamed: (tableId: string, column: string) => string,
): Constraint {
  switch (constraint.kind) {
    case "primary_key":
    case "unique":
      return { ...constraint, columns: constraint.columns.map((c) => renamed(constraint.table, c)) };
    case "foreign_key":
      return {
        ...constraint,
        columns: constraint.columns.map((c) => renamed(constraint.table, c)),
        referencedColumns: constraint.referencedColumns.map((c) => renamed(constraint.referencedTable, c)),
      };
    case "not_null":
      return { ...constraint, column: renamed(constraint.table, constraint.column) };
    case "check":
    case "exclude":
      return constraint;
    default: {
      const _exhaustive: never = constraint;
      return _exhaustive;
    }
  }
}

function mapConstraintRefs(constraint: Constraint, mapId: (id: string) => string): Constraint {
  const table = mapId(constraint.table);
  switch (constraint.kind) {
    case "primary_key":
    case "unique":
    case "exclude":
      return { ...constraint, table, index: mapId(constraint.index) };
    case "foreign_key":
      return { ...constraint, table, referencedTable: mapId(constraint.referencedTable) };
    case "check":
    case "not_null":
      return { ...constraint, table };
    default: {
      const _exhaustive: never = constraint;
      return _exhaustive;
    }
  }
}

function renameConstraintTypes(constraint: Constraint, refs: TypeReferenceRewriter): Constraint {
  if (refs.empty) return constraint;
  const definition = refs.casts(constraint.definition);
  return constraint.kind === "check"
    ? { ...constraint, definition, expression: refs.casts(constraint.expression) }
    : { ...constraint, definition };
}
