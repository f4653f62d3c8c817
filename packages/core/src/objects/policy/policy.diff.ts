import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef } from "../../diff/lookup.js";
import type { Policy } from "../../model/state.js";
import type { CommentTarget } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, tableObjectRenames } from "../rename.js";

/**
 * Row-level security policies: CREATE POLICY (priority 12, before ENABLE ROW LEVEL SECURITY at 65),
 * ALTER POLICY for roles/USING/WITH CHECK, DROP + CREATE when the command or permissiveness changes
 * or a USING/WITH CHECK is removed (ALTER POLICY cannot remove one), DROP POLICY (70, after
 * DISABLE). A policy that reads a column whose type changes, or uses a routine or view that is
 * recreated, is dropped before that change and created again after it (the drop-early pass,
 * view.rebuild.ts): PostgreSQL refuses both while the policy exists. Policies of a dropped table
 * go with it.
 */
export function diffPolicies(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  changes.push(
    ...tableObjectRenames(ctx, "policy", "rename_policy", ctx.currentAll.policies, ctx.desired.policies),
  );
  const { both, dropped, added } = partitionIds(ctx.current.policies, ctx.desired.policies);
  for (const id of added) {
    const policy = ctx.desired.policies[id]!;
    const table = relationRef(ctx.desiredAll, policy.table);
    if (!table) continue;
    changes.push({
      kind: "create_policy",
      objectId: id,
      table,
      policy,
      deps: deps({ creates: [id], requires: [policy.table] }),
    });
    changes.push(...diffComment(id, policyTarget(policy, table.name), null, policy.comment));
  }
  for (const id of dropped) {
    const policy = ctx.current.policies[id]!;
    const table = relationRef(ctx.current, policy.table);
    if (!table || !ctx.desired.tables[policy.table]) continue;
    changes.push({ kind: "drop_policy", objectId: id, table, policy, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.policies[id]!;
    const to = ctx.desired.policies[id]!;
    const table = relationRef(ctx.desiredAll, to.table);
    if (!table) continue;
    if (ctx.cascade.recreated.has(id)) {
      // It reads a retyped column or a recreated routine or view: off before, back after.
      changes.push(
        {
          kind: "drop_policy",
          objectId: id,
          table,
          policy: beforeRename(ctx, "policy", from, ctx.currentAll.policies),
          deps: deps({ drops: [id] }),
        },
        {
          kind: "create_policy",
          objectId: id,
          table,
          policy: to,
          deps: deps({ creates: [id], requires: [to.table] }),
        },
        ...diffComment(id, policyTarget(to, table.name), null, to.comment),
      );
      continue;
    }
    const replace =
      from.command !== to.command ||
      from.permissive !== to.permissive ||
      (from.using !== null && to.using === null) ||
      (from.withCheck !== null && to.withCheck === null);
    if (replace) {
      changes.push({
        kind: "replace_policy",
        objectId: id,
        table,
        policy: to,
        deps: deps({ requires: [to.table], alters: [id] }),
      });
    } else {
      const parts = {
        roles: !deepEqual(from.roles, to.roles),
        using: from.using !== to.using,
        withCheck: from.withCheck !== to.withCheck,
      };
      if (parts.roles || parts.using || parts.withCheck) {
        changes.push({
          kind: "alter_policy",
          objectId: id,
          table,
          policy: to,
          ...parts,
          deps: deps({ requires: [to.table], alters: [id] }),
        });
      }
    }
    changes.push(...diffComment(id, policyTarget(to, table.name), from.comment, to.comment));
  }
  return changes;
}

function policyTarget(policy: Policy, table: string): CommentTarget {
  return { kind: "policy", schema: policy.schema, table, name: policy.name };
}
