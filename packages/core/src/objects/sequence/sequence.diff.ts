import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { findColumn } from "../../diff/lookup.js";
import { ids } from "../../model/ids.js";
import type { Sequence, SequenceOptions } from "../../model/state.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import type { SequenceChange, SetSequenceOwnedBy } from "./sequence.change.js";

const OPTION_KEYS = ["dataType", "start", "increment", "min", "max", "cache", "cycle"] as const;

export function diffSequences(ctx: DiffContext): readonly (SequenceChange | CommentChange)[] {
  const changes: (SequenceChange | CommentChange)[] = [];
  for (const rename of ctx.renames) {
    if (rename.kind !== "sequence") continue;
    const from = ctx.currentAll.sequences[rename.from];
    const to = ctx.desired.sequences[rename.to];
    if (!from || !to) continue;
    changes.push({
      kind: "rename_sequence",
      objectId: to.id,
      from: { schema: from.schema, name: from.name },
      to: { schema: to.schema, name: to.name },
      deps: deps({ drops: [from.id], creates: [to.id], requires: [ids.schema(to.schema)] }),
    });
  }
  const { both, dropped, added } = partitionIds(ctx.current.sequences, ctx.desired.sequences);
  for (const id of added) {
    const sequence = ctx.desired.sequences[id]!;
    changes.push({
      kind: "create_sequence",
      objectId: id,
      sequence,
      deps: deps({ creates: [id], requires: [ids.schema(sequence.schema)] }),
    });
    if (sequence.ownedBy) changes.push(ownedBy(ctx, sequence));
    changes.push(...diffComment(id, sequenceTarget(sequence), null, sequence.comment));
  }
  for (const id of dropped) {
    const sequence = ctx.current.sequences[id]!;
    // An owned sequence goes with its column or table; dropping it first would fail (the default uses it).
    if (sequence.ownedBy && !findColumn(ctx.desired, sequence.ownedBy)) continue;
    changes.push({ kind: "drop_sequence", objectId: id, sequence, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.sequences[id]!;
    const to = ctx.desired.sequences[id]!;
    const options: Partial<Record<keyof SequenceOptions, string | boolean>> = {};
    for (const key of OPTION_KEYS) if (from[key] !== to[key]) options[key] = to[key];
    if (Object.keys(options).length > 0) {
      changes.push({
        kind: "alter_sequence",
        objectId: id,
        sequence: to,
        from,
        options: options as Partial<SequenceOptions>,
        deps: deps({ alters: [id] }),
      });
    }
    if (from.ownedBy !== to.ownedBy) changes.push(ownedBy(ctx, to, from));
    changes.push(...diffComment(id, sequenceTarget(to), from.comment, to.comment));
  }
  return changes;
}

function ownedBy(ctx: DiffContext, sequence: Sequence, from?: Sequence): SetSequenceOwnedBy {
  const owner = sequence.ownedBy ? findColumn(ctx.desired, sequence.ownedBy) : undefined;
  return {
    kind: "set_sequence_owned_by",
    objectId: sequence.id,
    sequence,
    owner: owner ? { schema: owner.table.schema, table: owner.table.name, column: owner.column.name } : null,
    deps: deps({
      requires: [
        sequence.id,
        ...(sequence.ownedBy && owner ? [sequence.ownedBy] : []),
        ...(from ? movedOwner(ctx, from) : []),
      ],
    }),
  };
}

/**
 * The live id of the table that owned the sequence when a rename moves that table: ALTER TABLE …
 * SET SCHEMA takes the sequences the table owns along, so releasing or re-owning one that stays
 * behind must come first — requiring the id the move drops puts it there ("use before drop").
 */
function movedOwner(ctx: DiffContext, from: Sequence): readonly string[] {
  const owner = from.ownedBy ? findColumn(ctx.current, from.ownedBy) : undefined;
  if (!owner) return [];
  const rename = ctx.renames.find((r) => r.kind === "table" && r.to === owner.table.id);
  return rename && rename.from !== rename.to ? [rename.from] : [];
}

function sequenceTarget(sequence: Sequence) {
  return { kind: "sequence" as const, schema: sequence.schema, name: sequence.name };
}
