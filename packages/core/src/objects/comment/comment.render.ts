import { renderObjectTarget } from "../object-target.render.js";
import { commentValue } from "../sql.js";
import type { SetComment } from "./comment.change.js";

/**
 * `COMMENT ON <object> IS '…' | NULL;`
 * https://www.postgresql.org/docs/current/sql-comment.html
 */
export function renderComment(change: SetComment): string {
  return `COMMENT ON ${renderObjectTarget(change.target)} IS ${commentValue(change.comment)};`;
}
