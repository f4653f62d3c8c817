import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import type { DomainType } from "../../model/state.js";
import { recreate } from "../type/type.recreate.js";
import type { DomainChange } from "./domain.change.js";

/**
 * A domain on both sides: `ALTER DOMAIN` for the default, NOT NULL and CHECK constraints (a changed
 * check is dropped and added again; an added one goes NOT VALID + VALIDATE with autoNotValid); a new
 * base type or collation → the recreate path (values that do not convert fail it).
 */
export function diffDomain(ctx: DiffContext, from: DomainType, to: DomainType): readonly Change[] {
  if (from.baseType !== to.baseType || from.collation !== to.collation) {
    const what =
      from.baseType !== to.baseType ? `its base type (${from.baseType} → ${to.baseType})` : "its collation";
    return recreate(
      ctx,
      from,
      to,
      `ALTER DOMAIN cannot change ${what}`,
      `values that do not convert to ${to.baseType} make the conversion fail`,
    );
  }
  const domain = { id: to.id, schema: to.schema, name: to.name };
  const on = deps({ requires: [to.id], alters: [to.id] });
  const changes: DomainChange[] = [];
  if (from.default !== to.default) {
    changes.push({ kind: "set_domain_default", objectId: to.id, domain, default: to.default, deps: on });
  }
  if (from.notNull !== to.notNull) {
    changes.push({ kind: "set_domain_not_null", objectId: to.id, domain, notNull: to.notNull, deps: on });
  }
  for (const check of from.checks) {
    const desired = to.checks.find((c) => c.name === check.name);
    const same =
      desired && desired.expression === check.expression && (desired.validated || !check.validated);
    if (!same) {
      changes.push({
        kind: "drop_domain_constraint",
        objectId: to.id,
        domain,
        constraint: check.name,
        deps: on,
      });
    }
  }
  for (const check of to.checks) {
    const current = from.checks.find((c) => c.name === check.name);
    if (current && current.expression === check.expression) {
      if (check.validated && !current.validated) {
        changes.push({
          kind: "validate_domain_constraint",
          objectId: to.id,
          domain,
          constraint: check.name,
          deps: on,
        });
        continue;
      }
      if (check.validated || !current.validated) continue;
    }
    changes.push({
      kind: "add_domain_constraint",
      objectId: to.id,
      domain,
      check,
      newDomain: false,
      deps: on,
    });
  }
  return changes;
}
