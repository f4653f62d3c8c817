import type { SequenceOptions } from "../../model/state.js";
import { hazard } from "../../step/step.js";

/**
 * How a sequence (standalone or an identity's) moves from one set of options to another so that
 * every statement is valid whatever the sequence's position.
 *
 * What PostgreSQL checks (sequence.c `init_params`, the same on 14 to 18): after all options of one
 * ALTER are applied, MINVALUE < MAXVALUE, START within them, and the position (`last_value`, called
 * or not) within them ("RESTART value (5) cannot be less than MINVALUE (100)"). `RESTART` without a
 * value sets the position to the START of the same statement. `setval` checks the bounds in force.
 *
 * So, with the old bounds [a, b], the new [c, d] and the new START s:
 * - new bounds that hold the old ones: one ALTER, the position is inside already;
 * - bounds that do not overlap: the position is outside the new ones for sure: one ALTER with every
 *   option and `RESTART` (at s);
 * - bounds that overlap, narrowed on a side: the position may be outside. If s is outside the old
 *   bounds, an ALTER first widens them to [min(a, c), max(b, d)]; then a `setval(s, false)` runs
 *   only when the position is outside [c, d]; then the ALTER with the new bounds and the rest.
 *
 * A move is forward when every value the sequence hands out afterwards lies beyond the old bounds in
 * its direction (ascending: s > b; descending: s < a): no value handed out before can come again.
 * Otherwise (MAXVALUE lowered under an ascending sequence, bounds moved back) it is backward, which
 * the caller flags as a hazard: values may be handed out a second time.
 */
export interface SequenceMove {
  /** Set first: the wider bounds (and a wider data type), or null. */
  readonly widen: Partial<SequenceOptions> | null;
  /**
   * Moves the position to the new START: `outside` (a `setval` before the final ALTER) only when it
   * is outside the new bounds, `restart` always (`RESTART` in the final ALTER), null never.
   */
  readonly reposition: "outside" | "restart" | null;
  /** The move may hand out values the sequence handed out before. */
  readonly backward: boolean;
  /** The final ALTER: every changed option (with RESTART when `reposition.when` is `restart`). */
  readonly options: Partial<SequenceOptions>;
}

const TYPE_WIDTH: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 };

export function planSequenceMove(
  from: SequenceOptions,
  to: SequenceOptions,
  changed: Partial<SequenceOptions>,
): SequenceMove {
  const [a, b, c, d, s] = [from.min, from.max, to.min, to.max, to.start].map(BigInt) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const ascending = BigInt(to.increment) > 0n;
  const forward = ascending ? s > b : s < a;
  if (c <= a && b <= d) return { widen: null, reposition: null, backward: false, options: changed };
  if (d < a || b < c) return { widen: null, reposition: "restart", backward: !forward, options: changed };
  // only a position above a lowered MAXVALUE (ascending) or below a raised MINVALUE (descending) moves back
  const backward = ascending ? d < b : c > a;
  if (a <= s && s <= b) return { widen: null, reposition: "outside", backward, options: changed };
  const widen: Partial<SequenceOptions> = {
    ...(c < a ? { min: to.min } : {}),
    ...(d > b ? { max: to.max } : {}),
    ...(changed.dataType !== undefined &&
    (TYPE_WIDTH[changed.dataType] ?? 0) > (TYPE_WIDTH[from.dataType] ?? 0)
      ? { dataType: changed.dataType }
      : {}),
  };
  const { min: _min, max: _max, ...rest } = changed;
  const options: Partial<SequenceOptions> = {
    ...rest,
    ...(widen.min === undefined && changed.min !== undefined ? { min: changed.min } : {}),
    ...(widen.max === undefined && changed.max !== undefined ? { max: changed.max } : {}),
  };
  if (widen.dataType !== undefined) delete (options as { dataType?: string }).dataType;
  return { widen, reposition: "outside", backward, options };
}

/** The hazard of a backward move: the position restarts at START, where values may repeat. */
export function restartHazard(what: string, to: SequenceOptions): ReturnType<typeof hazard> {
  return hazard(
    "DATA_LOSS",
    `${what} restarts at its START ${to.start} when its position is outside the new bounds ${to.min}..${to.max}: its position is lost, and values it handed out before can be handed out again (duplicate keys)`,
  );
}
