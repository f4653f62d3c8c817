import type { Change } from "../../diff/change.js";
import type { DiffContext } from "../../diff/context.js";
import { diffDefaultPrivileges } from "../default-privilege/default-privilege.diff.js";
import { diffOwners } from "../owner/owner.diff.js";
import { diffPrivileges } from "./privilege.diff.js";

/**
 * Who may do what: owners, grants on every object kind, and default privileges. Grants and owners
 * are fields of objects in every collection rather than a collection of their own, so this one
 * differ sits in the registry's `defaultPrivileges` slot and walks them all. Owners first (a new
 * owner inherits the old owner's grants), then grants, then defaults for future objects.
 */
export function diffAuthorization(ctx: DiffContext): readonly Change[] {
  return [...diffOwners(ctx), ...diffPrivileges(ctx), ...diffDefaultPrivileges(ctx)];
}
