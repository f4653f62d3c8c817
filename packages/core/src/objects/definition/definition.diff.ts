import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { PgFluxError } from "../../errors.js";
import type { DefinitionCollection } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import type { OwnedObject } from "../owner/owned-objects.js";
import { beforeRename } from "../rename.js";
import { type DefinitionObject, definitionFields } from "./definition.js";
import { definitionRenames, renameKindOf } from "./definition.rename.js";
import { DEFINITION_COLLECTIONS, definitionSpec } from "./definition.spec.js";

/**
 * The differ of one definition kind: created, dropped, altered in place where its spec has an ALTER
 * for the difference, else dropped and created again — refused, with the users listed, when other
 * objects use it (PostgreSQL refuses the DROP, and dropping them along would lose them). The comment
 * is a `set_comment` like every kind's; owners come from the owner differ (the kind's `owned`).
 */
export function diffDefinitions(collection: DefinitionCollection): (ctx: DiffContext) => readonly Change[] {
  return (ctx) => {
    const spec = definitionSpec(collection);
    const current = ctx.current[collection] as Readonly<Record<string, DefinitionObject>>;
    const desired = ctx.desired[collection] as Readonly<Record<string, DefinitionObject>>;
    const target = (object: DefinitionObject) => ({ kind: "named" as const, sql: spec.target(object) });
    const changes: Change[] = [...definitionRenames(ctx, collection, spec)];
    const renameKind = renameKindOf(collection);
    const { both, dropped, added } = partitionIds(current, desired);
    for (const id of added) {
      const object = desired[id]!;
      changes.push({
        kind: "create_definition",
        collection,
        objectId: id,
        object,
        deps: deps({ creates: [id], requires: spec.requires(object) }),
      });
      changes.push(...diffComment(id, target(object), null, object.comment));
    }
    for (const id of dropped) {
      const object = current[id]!;
      changes.push({
        kind: "drop_definition",
        collection,
        objectId: id,
        object,
        deps: deps({ drops: [id] }),
      });
    }
    for (const id of both) {
      const from = current[id]!;
      const to = desired[id]!;
      if (ctx.cascade.recreated.has(id)) {
        // What it uses is dropped and created again (a view a rule is on): dropped before, created
        // after, as two changes so that each is ordered on its own (README step 3).
        // renamed by hint too: dropped under its old name, created under the new one
        const old =
          renameKind === null
            ? from
            : beforeRename(
                ctx,
                renameKind,
                from,
                ctx.currentAll[collection] as Readonly<Record<string, DefinitionObject>>,
              );
        changes.push(
          { kind: "drop_definition", collection, objectId: id, object: old, deps: deps({ drops: [id] }) },
          {
            kind: "create_definition",
            collection,
            objectId: id,
            object: to,
            deps: deps({ creates: [id], requires: spec.requires(to) }),
          },
          ...diffComment(id, target(to), null, to.comment),
        );
        continue;
      }
      const same = deepEqual(definitionFields(from), definitionFields(to));
      const replaced = !same && isReplaced(collection, from, to);
      if (!same && !replaced) {
        changes.push({
          kind: "alter_definition",
          collection,
          objectId: id,
          from,
          to,
          deps: deps({ alters: [id], requires: spec.requires(to) }),
        });
      } else if (replaced) {
        refuseIfUsed(ctx, spec.noun, spec.target(to), id);
        changes.push({
          kind: "replace_definition",
          collection,
          objectId: id,
          from,
          to,
          deps: deps({ drops: [id], creates: [id], requires: spec.requires(to) }),
        });
      }
      changes.push(...diffComment(id, target(to), replaced ? null : from.comment, to.comment));
    }
    return changes;
  };
}

/** A difference its spec has no ALTER for: the plan drops it and creates it again. */
function isReplaced(collection: DefinitionCollection, from: DefinitionObject, to: DefinitionObject): boolean {
  return (definitionSpec(collection).alter?.(from, to) ?? null) === null;
}

/**
 * Does the plan drop this definition object and create it again (a difference its spec has no ALTER
 * for, or something it uses recreated by the cascade)? Its grants and owner start over then: the
 * privilege and owner differs compare the desired ones with what CREATE gives.
 */
export function definitionIsRecreated(ctx: DiffContext, object: OwnedObject): boolean {
  const { collection, current, desired } = object;
  if (current === undefined || !DEFINITIONS.has(collection)) return false;
  if (ctx.cascade.recreated.has(desired.id)) return true;
  const [from, to] = [current as DefinitionObject, desired as DefinitionObject];
  return (
    !deepEqual(definitionFields(from), definitionFields(to)) &&
    isReplaced(collection as DefinitionCollection, from, to)
  );
}

const DEFINITIONS: ReadonlySet<string> = new Set(DEFINITION_COLLECTIONS);

/** A definition PostgreSQL can only drop and create again cannot be while objects use it. */
function refuseIfUsed(ctx: DiffContext, noun: string, name: string, id: string): void {
  const users = [
    ...new Set(ctx.current.dependencies.filter((d) => d.referenced === id).map((d) => d.dependent)),
  ].sort();
  if (users.length === 0) return;
  throw new PgFluxError(
    `cannot change ${name}: ${users.slice(0, 10).join(", ")}${users.length > 10 ? ` and ${users.length - 10} more` : ""} use${users.length === 1 ? "s" : ""} it, and PostgreSQL has no ALTER for this change of a ${noun.replaceAll("_", " ")}, so it would have to be dropped and created again`,
    {
      code: "refused",
      objectId: id,
      hint: `create the new definition under another name, move its users to it, then drop the old ${noun.replaceAll("_", " ")}`,
    },
  );
}
