import { encodeId } from "../../model/ids.js";
import type { ForeignOption } from "../foreign-data-wrapper/foreign-options.js";

/**
 * `CREATE USER MAPPING FOR role SERVER s`: identified by its role (`PUBLIC` for everyone) and
 * server. Its options hold the remote credentials: those whose names say they are secret
 * (`isSecretOption`: password, passfile, …) are never read into the state and refused in the
 * desired state without printing their line, so no plan, saved plan, diff or error pg-flux prints can
 * hold them (docs/object-kinds.md; packages/cli/test/secrets.test.ts). The other options (`user`, …)
 * are planned and printed like any other object's.
 * No owner and no comment: PostgreSQL has neither for a user mapping.
 */
export interface UserMapping {
  readonly kind: "user_mapping";
  readonly id: string;
  /** A role name, or `PUBLIC`. */
  readonly user: string;
  readonly server: string;
  /** The options but the secret ones (`isSecretOption`), sorted by name. */
  readonly options: readonly ForeignOption[];
  /** Always null: there is no COMMENT ON USER MAPPING (a definition kind's field). */
  readonly comment: null;
}

/** `user_mapping:app.remote`, `user_mapping:PUBLIC.remote`. */
export function userMappingId(user: string, server: string): string {
  return encodeId("user_mapping", [user, server]);
}

/**
 * Does this user-mapping option name a credential? Such options (`password`, `passfile`,
 * `sslpassword`, a `secret`, `token` or `key`) are not managed: their values would have to be
 * written into plans, saved plan files and migration files pg-flux prints.
 * `password_required` (postgres_fdw's boolean) is not a secret.
 */
export function isSecretOption(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === "password_required") return false;
  return /pass(word|wd|phrase|file)?|secret|token|credential|(^|_)(api_?)?key$|private_?key/.test(lower);
}
