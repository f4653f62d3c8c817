import { ids, type Sequence } from "@pg-flux/core";
import type { SequenceRow } from "../queries/sequences.sql.js";
import { decode, PERSISTENCE } from "./codes.js";
import { readPrivileges } from "./privileges.js";

export function readSequence(row: SequenceRow): Sequence {
  return {
    kind: "sequence",
    id: ids.sequence(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...row.options,
    persistence: decode("persistence", PERSISTENCE, row.persistence),
    ownedBy:
      row.ownedBySchema === null || row.ownedByTable === null || row.ownedByColumn === null
        ? null
        : ids.column(row.ownedBySchema, row.ownedByTable, row.ownedByColumn),
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}
