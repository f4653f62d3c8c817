import { PLAN_SESSION_SETTINGS } from "@pg-flux/core";
import type pg from "pg";

/** The session's values of the plan settings before `enterPlanSession` changed them. */
export type SavedSession = ReadonlyMap<string, string>;

/**
 * Puts the session in the state plans are written for (core PLAN_SESSION_SETTINGS: search_path
 * `public`, routine bodies unchecked) and returns what it replaced, for `leavePlanSession`.
 */
export async function enterPlanSession(client: pg.ClientBase): Promise<SavedSession> {
  const names = PLAN_SESSION_SETTINGS.map((setting) => setting.name);
  const saved = await client.query<{ name: string; value: string }>(
    "select name, current_setting(name) as value from unnest($1::text[]) as name",
    [names],
  );
  await client.query(
    "select set_config(name, value, false) from unnest($1::text[], $2::text[]) as s(name, value)",
    [names, PLAN_SESSION_SETTINGS.map((setting) => setting.value)],
  );
  return new Map(saved.rows.map((row) => [row.name, row.value]));
}

/** Restores what `enterPlanSession` changed (best effort: the connection may be broken). */
export async function leavePlanSession(client: pg.ClientBase, saved: SavedSession): Promise<void> {
  await client
    .query("select set_config(name, value, false) from unnest($1::text[], $2::text[]) as s(name, value)", [
      [...saved.keys()],
      [...saved.values()],
    ])
    .catch(() => undefined);
}
