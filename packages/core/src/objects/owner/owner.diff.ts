import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import type { AlterOwner, OwnedTarget } from "./owner.change.js";

/**
 * Owners of every owned object on the desired side that differ from the current side (or that the
 * plan creates: the creator would own them). Sequences owned by a column follow their table's owner
 * and partitions their own table entry. Expanded only with `manageOwners` (owner.steps.ts).
 */
export function diffOwners(ctx: DiffContext): readonly Change[] {
  const changes: AlterOwner[] = [];
  const { current, desired } = ctx;
  const owner = (id: string, target: OwnedTarget, from: string | undefined, to: string) => {
    if (from === to) return;
    changes.push({ kind: "alter_owner", objectId: id, target, owner: to, deps: deps({ requires: [id] }) });
  };
  for (const s of Object.values(desired.schemas))
    owner(s.id, { kind: "schema", name: s.name }, current.schemas[s.id]?.owner, s.owner);
  for (const t of Object.values(desired.tables)) {
    owner(t.id, { kind: "table", schema: t.schema, name: t.name }, current.tables[t.id]?.owner, t.owner);
  }
  for (const s of Object.values(desired.sequences)) {
    if (s.ownedBy !== null) continue;
    owner(
      s.id,
      { kind: "sequence", schema: s.schema, name: s.name },
      current.sequences[s.id]?.owner,
      s.owner,
    );
  }
  for (const v of Object.values(desired.views)) {
    owner(v.id, { kind: "view", schema: v.schema, name: v.name }, current.views[v.id]?.owner, v.owner);
  }
  for (const v of Object.values(desired.materializedViews)) {
    const target: OwnedTarget = { kind: "materialized_view", schema: v.schema, name: v.name };
    owner(v.id, target, current.materializedViews[v.id]?.owner, v.owner);
  }
  for (const f of Object.values(desired.functions)) {
    const target: OwnedTarget = {
      kind: "routine",
      routine: f.kind,
      schema: f.schema,
      name: f.name,
      arguments: f.identityArguments,
    };
    owner(f.id, target, current.functions[f.id]?.owner, f.owner);
  }
  for (const a of Object.values(desired.aggregates)) {
    const target: OwnedTarget = {
      kind: "routine",
      routine: "aggregate",
      schema: a.schema,
      name: a.name,
      arguments: a.identityArguments,
    };
    owner(a.id, target, current.aggregates[a.id]?.owner, a.owner);
  }
  for (const t of Object.values(desired.types)) {
    const target: OwnedTarget = { kind: "type", domain: t.kind === "domain", schema: t.schema, name: t.name };
    owner(t.id, target, current.types[t.id]?.owner, t.owner);
  }
  for (const e of Object.values(desired.eventTriggers)) {
    owner(e.id, { kind: "event_trigger", name: e.name }, current.eventTriggers[e.id]?.owner, e.owner);
  }
  return changes;
}
