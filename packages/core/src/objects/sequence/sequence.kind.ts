import { ids } from "../../model/ids.js";
import type { SchemaState, Table } from "../../model/state.js";
import { type KindSpec, ownId, relationTarget } from "../kind.js";

export const sequenceKind: KindSpec<"sequences"> = {
  ids: ownId,
  managed: (sequence, { isManaged }) => isManaged(sequence.schema),
  rename: {
    identity: (sequence, { state, desired, inSchema, tableOf, hinted }) => {
      const stays = inSchema(sequence.schema);
      // An owned sequence moves with its table (ALTER TABLE … SET SCHEMA moves it too) — unless the
      // desired state keeps it behind (by its name in its own schema, none in the table's new one):
      // then it is released before the move (OWNED BY NONE, sequence.diff.ts) and stays, position kept.
      const ownerTable = sequence.ownedBy ? ownerTableOf(state, sequence.ownedBy) : undefined;
      const withTable = ownerTable ? (tableOf(ownerTable.id)?.schema ?? sequence.schema) : stays;
      const keptBehind =
        withTable !== stays &&
        desired.sequences[ids.sequence(stays, sequence.name)] !== undefined &&
        desired.sequences[ids.sequence(withTable, sequence.name)] === undefined;
      const identity = hinted(sequence.id) ?? {
        schema: keptBehind ? stays : withTable,
        name: sequence.name,
      };
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
