import type { ChangeBase } from "../../diff/change-base.js";
import type { Aggregate } from "../../model/state.js";

export interface CreateAggregate extends ChangeBase {
  readonly kind: "create_aggregate";
  readonly aggregate: Aggregate;
  /** The current aggregate when this recreates it (grants re-emitted); null when new. */
  readonly replaces: Aggregate | null;
}

export interface DropAggregate extends ChangeBase {
  readonly kind: "drop_aggregate";
  readonly aggregate: Aggregate;
  /** Dropped to be created again (priority DROP_VIEW_EARLY). */
  readonly early: boolean;
}

export type AggregateChange = CreateAggregate | DropAggregate;
