import type { DiffContext } from "../../diff/context.js";
import type { Collection } from "../../model/state.js";
import type { ObjectOf, OwnedCollection, OwnedSpec } from "../kind.js";
import { COLLECTIONS, KINDS } from "../kinds.js";
import type { OwnedTarget } from "./owner.change.js";

interface Owned<C extends OwnedCollection> {
  readonly collection: C;
  readonly target: OwnedTarget;
  /** Absent when the plan creates the object. */
  readonly current: ObjectOf<C> | undefined;
  readonly desired: ObjectOf<C>;
}

/** One object of the desired state that has an owner; `collection` tells its model type. */
export type OwnedObject = { readonly [C in OwnedCollection]: Owned<C> }[OwnedCollection];

/** The owned kind's spec (its `owned` is non-null by KindSpec's type). */
function ownedSpec<C extends OwnedCollection>(collection: C): OwnedSpec<ObjectOf<C>> {
  // KINDS[C]["owned"] is `C extends OwnedCollection ? OwnedSpec<ObjectOf<C>> : null`, which
  // TypeScript does not resolve for a generic C: the one cast.
  return KINDS[collection].owned as OwnedSpec<ObjectOf<C>>;
}

function isOwned(collection: Collection): collection is OwnedCollection {
  return KINDS[collection].owned !== null;
}

/** The collections with an owner, in their kinds' `owned.rank` order. */
const OWNED_COLLECTIONS: readonly OwnedCollection[] = COLLECTIONS.filter(isOwned).sort(
  (a, b) => ownedSpec(a).rank - ownedSpec(b).rank,
);

/**
 * Every object of the desired state that has an owner, with the target that names it (its kind's
 * `owned.target`, objects/<kind>/<kind>.kind.ts) and its current counterpart: what the owner and
 * privilege differs walk, kind by kind in `owned.rank` order.
 */
export function ownedObjects(ctx: DiffContext): readonly OwnedObject[] {
  return OWNED_COLLECTIONS.flatMap((collection) => walk(ctx, collection));
}

function walk<C extends OwnedCollection>(ctx: DiffContext, collection: C): readonly OwnedObject[] {
  const { target } = ownedSpec(collection);
  const current = ctx.current[collection] as Readonly<Record<string, ObjectOf<C>>>;
  const desired = Object.values(ctx.desired[collection]) as ObjectOf<C>[];
  // Owned<C> for this C is one member of the OwnedObject union; TypeScript cannot see that for a
  // generic C.
  return desired.map(
    (object) =>
      ({ collection, target: target(object), current: current[object.id], desired: object }) as Owned<C>,
  ) as unknown as readonly OwnedObject[];
}
