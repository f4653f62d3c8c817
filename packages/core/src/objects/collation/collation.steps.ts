import { PRIORITY } from "../../step/priorities.js";
import { type StepHandlers, txStep } from "../../step/step.js";
import type { CollationChange } from "./collation.change.js";
import { renderCreateCollation, renderDropCollation } from "./collation.render.js";

/**
 * Collations are created with the types (before the tables and domains whose columns use them) and
 * dropped with them (after); catalog-only, no lock on user tables.
 */
export const collationSteps: StepHandlers<CollationChange> = {
  create_collation: ({ collation }) => [
    txStep("create_collation", renderCreateCollation(collation), PRIORITY.CREATE_TYPE),
  ],
  drop_collation: ({ collation }) => [
    txStep("drop_collation", renderDropCollation(collation), PRIORITY.DROP_TYPE),
  ],
  replace_collation: ({ from, to }) => [
    txStep("drop_collation", renderDropCollation(from), PRIORITY.CREATE_TYPE),
    txStep("create_collation", renderCreateCollation(to), PRIORITY.CREATE_TYPE),
  ],
};
