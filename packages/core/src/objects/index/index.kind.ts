import { ids } from "../../model/ids.js";
import { type KindSpec, ownId } from "../kind.js";

/** An index moves with its table's schema; its key and predicate texts follow column and type renames. */
export const indexKind: KindSpec<"indexes"> = {
  ids: ownId,
  managed: (index, { isManaged }) => isManaged(index.schema),
  rename: {
    identity: (index, { tableOf, inSchema, hinted, typeRefs, renamedColumn }) => {
      const schema = tableOf(index.table)?.schema ?? inSchema(index.schema);
      const identity = hinted(index.id) ?? { schema, name: index.name };
      return {
        ...index,
        id: ids.index(identity.schema, identity.name),
        ...identity,
        definition: typeRefs.casts(index.definition),
        keys: index.keys.map((key) => ({
          ...key,
          expression: typeRefs.casts(renamedColumn(index.table, key.expression)),
          // an operator class renamed by its hint (its qualified name, diff/apply-renames.ts)
          opclass: key.opclass === null ? null : typeRefs.casts(key.opclass),
        })),
        include: index.include.map((column) => renamedColumn(index.table, column)),
        predicate: index.predicate === null ? null : typeRefs.casts(index.predicate),
      };
    },
    references: (index, mapId) => ({
      ...index,
      table: mapId(index.table),
      constraint: index.constraint === null ? null : mapId(index.constraint),
      parentIndex: index.parentIndex === null ? null : mapId(index.parentIndex),
    }),
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};
