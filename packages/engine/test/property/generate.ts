/**
 * The generator of schema pairs: A is built by creation edits in phases on an empty model, B by 1–8
 * more edits of any kind on a copy of A (edits.ts), each followed by repair.ts. Both render to SQL
 * text (render.ts); B carries rename hints for what it renamed, and A is rendered a second time with
 * the hints that lead back from B (the reverse leg of the test). fast-check shrinks a failing pair by
 * shrinking the two edit lists.
 */
import fc from "fast-check";
import { applyEdit } from "./apply-edit.js";
import { anyEdit, creationPhases, type Edit } from "./edits.js";
import { emptyModel, type Model } from "./model.js";
import { modelObjects } from "./oracle.js";
import { renderModel } from "./render.js";
import { repair } from "./repair.js";

export interface SchemaPair {
  /** A, as loaded into the database. */
  readonly current: string;
  /** B, with hints for what it renamed. */
  readonly desired: string;
  /** A again, with hints for going back from B (what B renamed, A names as it was). */
  readonly back: string;
  /** The objects A and B hold, by name (oracle.ts): checked in pg_catalog after each leg. */
  readonly currentObjects: readonly string[];
  readonly desiredObjects: readonly string[];
  readonly create: readonly Edit[];
  readonly edit: readonly Edit[];
}

type Fields = Record<string, unknown>;

/** Calls `visit` on every object of the model that has an identity (a uid and the rename fields). */
function eachNamed(model: Model, visit: (object: Fields) => void): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object" && !(value instanceof Set)) {
      const object = value as Fields;
      if ("inA" in object) visit(object);
      Object.values(object).forEach(walk);
    }
  };
  walk(model);
}

/** Marks every object of A as existing in A, with no rename pending. */
function settle(model: Model): void {
  eachNamed(model, (object) => {
    object.inA = true;
    object.renamedFrom = null;
    if ("movedFrom" in object) object.movedFrom = null;
  });
}

/**
 * A copy of A whose hints lead back from B: an object B has under another name (or in another
 * schema) carries B's name as `renamedFrom`; `inA` now means "exists in B" (the current side).
 */
function backFrom(a: Model, b: Model): Model {
  const inB = new Map<unknown, Fields>();
  eachNamed(b, (object) => inB.set(object.uid, object));
  const schemaNames = new Map(b.schemas.map((schema) => [schema.uid, schema.name]));
  const back = structuredClone(a);
  eachNamed(back, (object) => {
    const other = inB.get(object.uid);
    object.inA = other !== undefined;
    object.renamedFrom = null;
    if ("movedFrom" in object) object.movedFrom = null;
    if (!other) return;
    const key = "label" in object ? "label" : "name";
    if (other[key] !== object[key]) object.renamedFrom = other[key];
    if ("movedFrom" in object && other.schema !== object.schema)
      object.movedFrom = schemaNames.get(other.schema as number) ?? null;
  });
  return back;
}

export function buildPair(create: readonly Edit[], edit: readonly Edit[]): SchemaPair {
  const a = emptyModel();
  for (const step of create) {
    applyEdit(a, step);
    repair(a);
  }
  settle(a);
  const b = structuredClone(a);
  for (const step of edit) {
    applyEdit(b, step);
    repair(b);
  }
  return {
    current: renderModel(a, false),
    desired: renderModel(b, true),
    back: renderModel(backFrom(a, b), true),
    currentObjects: modelObjects(a),
    desiredObjects: modelObjects(b),
    create,
    edit,
  };
}

/** Random pairs: `size` scales how many edits build A (1 ≈ 4 tables and a dozen details). */
export function schemaPairs(size = 1): fc.Arbitrary<SchemaPair> {
  return fc
    .record({
      create: creationPhases(size).map((phases) => phases.flat()),
      edit: fc.array(anyEdit, { minLength: 1, maxLength: Math.round(8 * size) }),
    })
    .map(({ create, edit }) => buildPair(create, edit));
}
