import type { Change } from "../../diff/change.js";
import { deepEqual, without } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { RangeType } from "../../model/state.js";
import { recreate } from "../type/type.recreate.js";

/** A range type on both sides: PostgreSQL has no ALTER for its definition, so any change recreates it. */
export function diffRange(ctx: DiffContext, from: RangeType, to: RangeType): readonly Change[] {
  const data = (range: RangeType) => without(range, ["owner", "comment", "privileges"]);
  if (deepEqual(data(from), data(to))) return [];
  return recreate(
    ctx,
    from,
    to,
    "ALTER TYPE cannot change a range's definition",
    `ranges that do not convert to subtype ${to.subtype} make the conversion fail`,
  );
}
