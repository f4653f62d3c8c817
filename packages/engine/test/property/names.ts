/**
 * Names the generator gives objects: awkward on purpose (spaces, quotes, dots, comment and dollar
 * markers, unicode, upper case, reserved words) — every one is valid when quoted, and pg-flux must
 * quote it wherever it writes it. A name is used once per model history: a second use gets a suffix,
 * so a rename never collides with a live or dropped name (a hint whose old and new names both exist
 * is an error by design).
 */
import type { Model } from "./model.js";

export const NAME_BASES = [
  "items",
  "Users",
  "order items",
  'we"ird',
  "a.b",
  "x.y.z",
  "ünï",
  "日本",
  "select",
  "user",
  "CamelCase",
  "it's",
  "back\\slash",
  "x--y",
  "a/*b",
  "$d",
  "t",
  "id",
] as const;

/** Enum labels: quotes, spaces, unicode, case; unique within one enum. */
export const LABELS = ["draft", "Draft", "it's", "with space", "ünï", "a,b", "(x)", "--", "last"] as const;

/** A name never used before in this model's history (A and B share one history). */
export function freshName(model: Model, base: string): string {
  let name = base;
  while (model.usedNames.has(name)) name = `${base}_${model.nextUid++}`;
  model.usedNames.add(name);
  return name;
}

/** String values for defaults and comments: quotes, backslashes, unicode, comment and dollar markers. */
export const LITERALS = [
  "plain",
  "it's",
  "back\\slash",
  "ünïcödé ✓",
  "two\nlines",
  "-- not a comment",
  "/* nor this */",
  "$$ dollars $$",
  "  spaced  ",
  "",
] as const;
