import { ids } from "../../model/ids.js";
import type { SchemaState, Table } from "../../model/state.js";
import { type KindSpec, ownId, relationTarget } from "../kind.js";

export const sequenceKind: KindSpec<"sequences"> = {
  ids: ownId,
  managed: (sequence, { isManaged }) => isManaged(sequence.schema),
  rename: {
    identity: (sequence, { state, inSchema, tableOf, hinted }) => {
      // An owned sequence moves with its table (ALTER TABLE … SET SCHEMA moves it too).
      const ownerTable = sequence.ownedBy ? ownerTableOf(state, sequence.ownedBy) : undefined;
      const movedSchema = ownerTable
        ? (tableOf(ownerTable.id)?.schema ?? sequence.schema)
        : inSchema(sequence.schema);
      const identity = hinted(sequence.id) ?? { schema: movedSchema, name: sequence.name };
      return { ...sequence, id: ids.sequence(identity.schema, identity.name), ...identity };
    },
    references: (sequence, mapId) => ({
      ...sequence,
      ownedBy: sequence.ownedBy === null ? null : mapId(sequence.ownedBy),
    }),
  },
  fingerprint: "always",
  owned: { target: relationTarget, rank: 3 },
  definition: null,
};

function ownerTableOf(state: SchemaState, columnId: string): Table | undefined {
  return Object.values(state.tables).find((table) => table.columns.some((column) => column.id === columnId));
}
