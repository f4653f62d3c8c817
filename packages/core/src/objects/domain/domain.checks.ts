import { deps } from "../../diff/change-base.js";
import type { DomainType } from "../../model/state.js";
import type { DomainChange } from "./domain.change.js";

/** NOT VALID checks of a created domain: CREATE DOMAIN cannot say NOT VALID, so they follow it. */
export function domainChecksAfterCreate(domain: DomainType): readonly DomainChange[] {
  const ref = { id: domain.id, schema: domain.schema, name: domain.name };
  return domain.checks
    .filter((check) => !check.validated)
    .map((check) => ({
      kind: "add_domain_constraint",
      objectId: domain.id,
      domain: ref,
      check,
      newDomain: true,
      deps: deps({ requires: [domain.id] }),
    }));
}
