import { PRIORITY } from "../../step/priorities.js";
import { autocommitStep, type StepHandlers, txStep } from "../../step/step.js";
import type { DomainChange } from "./domain.change.js";
import {
  renderAddDomainConstraint,
  renderDomainDefault,
  renderDomainNotNull,
  renderDropDomainConstraint,
  renderValidateDomainConstraint,
} from "./domain.render.js";

export const domainSteps: StepHandlers<DomainChange> = {
  set_domain_default: ({ domain, default: value }) => [
    txStep("set_domain_default", renderDomainDefault(domain, value), PRIORITY.ALTER_TYPE),
  ],
  /** SET NOT NULL checks every column of the domain's type: long on big tables. */
  set_domain_not_null: ({ domain, notNull }) => [
    txStep("set_domain_not_null", renderDomainNotNull(domain, notNull), PRIORITY.ALTER_TYPE, {
      longRunning: notNull,
    }),
  ],
  /**
   * A NOT VALID check stays NOT VALID; a check on a new domain is added plainly (nothing to scan);
   * otherwise with autoNotValid the seed's FK pattern: ADD … NOT VALID, then VALIDATE in autocommit.
   */
  add_domain_constraint: ({ domain, check, newDomain }, ctx) => {
    if (!check.validated || newDomain || !ctx.options.autoNotValid) {
      return [
        txStep(
          "add_domain_constraint",
          renderAddDomainConstraint(domain, check, !check.validated),
          PRIORITY.ADD_CONSTRAINT,
          { longRunning: check.validated && !newDomain },
        ),
      ];
    }
    return [
      txStep(
        "add_domain_constraint_not_valid",
        renderAddDomainConstraint(domain, check, true),
        PRIORITY.ADD_CONSTRAINT,
      ),
      autocommitStep(
        "validate_domain_constraint",
        renderValidateDomainConstraint(domain, check.name),
        PRIORITY.VALIDATE_CONSTRAINT,
      ),
    ];
  },
  drop_domain_constraint: ({ domain, constraint }) => [
    txStep(
      "drop_domain_constraint",
      renderDropDomainConstraint(domain, constraint),
      PRIORITY.DROP_CONSTRAINT,
    ),
  ],
  validate_domain_constraint: ({ domain, constraint }) => [
    autocommitStep(
      "validate_domain_constraint",
      renderValidateDomainConstraint(domain, constraint),
      PRIORITY.VALIDATE_CONSTRAINT,
    ),
  ],
};
