import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import { definitionIsRecreated } from "../definition/definition.diff.js";
import { ownedObjects } from "./owned-objects.js";
import type { AlterOwner } from "./owner.change.js";

/**
 * Owners of every owned object on the desired side that differ from the current side (or that the
 * plan creates or drops and creates again — view.rebuild.ts, a replaced definition object: the
 * creator would own them).
 * Sequences owned by a column follow their table's owner and partitions their own table entry.
 * Expanded only with `manageOwners` (owner.steps.ts).
 */
export function diffOwners(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: AlterOwner[] = [];
  for (const object of ownedObjects(ctx)) {
    if (object.collection === "sequences" && object.desired.ownedBy !== null) continue;
    const { id, owner } = object.desired;
    const startsOver = recreated.has(id) || definitionIsRecreated(ctx, object);
    if (object.current?.owner === owner && !startsOver) continue;
    changes.push({
      kind: "alter_owner",
      objectId: id,
      target: object.target,
      owner,
      deps: deps({ requires: [id] }),
    });
  }
  return changes;
}
