import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { Collation } from "../../model/state.js";
import type { CommentTarget } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";

const COMPARED = ["provider", "locale", "lcCollate", "lcCtype", "deterministic", "rules"] as const;

/**
 * Collations (`CREATE COLLATION`): created, dropped, and dropped and created again when the
 * definition changes. PostgreSQL has no ALTER for the definition, and a collation in use cannot be
 * dropped, so a changed collation that columns, indexes or domains use is refused with the way out.
 */
export function diffCollations(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  const { both, dropped, added } = partitionIds(ctx.current.collations, ctx.desired.collations);
  for (const id of added) {
    const collation = ctx.desired.collations[id]!;
    changes.push({
      kind: "create_collation",
      objectId: id,
      collation,
      deps: deps({ creates: [id], requires: [ids.schema(collation.schema)] }),
    });
    changes.push(...diffComment(id, target(collation), null, collation.comment));
  }
  for (const id of dropped) {
    const collation = ctx.current.collations[id]!;
    changes.push({ kind: "drop_collation", objectId: id, collation, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.collations[id]!;
    const to = ctx.desired.collations[id]!;
    const changed = COMPARED.some((key) => from[key] !== to[key]);
    if (changed) {
      const users = ctx.current.dependencies.filter((d) => d.referenced === id).map((d) => d.dependent);
      if (users.length > 0) {
        throw new PgFluxError(
          `cannot change collation ${to.schema}.${to.name} (${describe(from)} → ${describe(to)}): ${users.slice(0, 5).join(", ")} use${users.length === 1 ? "s" : ""} it, and PostgreSQL has no ALTER for a collation's definition`,
          {
            code: "refused",
            objectId: id,
            hint: "create the new definition under another name, move the columns to it (ALTER TABLE … ALTER COLUMN … TYPE … COLLATE new), then drop the old collation",
          },
        );
      }
      changes.push({
        kind: "replace_collation",
        objectId: id,
        from,
        to,
        deps: deps({ drops: [id], creates: [id] }),
      });
    }
    changes.push(...diffComment(id, target(to), changed ? null : from.comment, to.comment));
  }
  return changes;
}

function describe(collation: Collation): string {
  const locale = collation.locale ?? collation.lcCollate ?? "";
  return `${collation.provider} '${locale}'${collation.deterministic ? "" : " nondeterministic"}`;
}

function target(collation: Collation): CommentTarget {
  return { kind: "collation", schema: collation.schema, name: collation.name };
}
