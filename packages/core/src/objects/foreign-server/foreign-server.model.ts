import { encodeId } from "../../model/ids.js";
import type { ForeignOption } from "../foreign-data-wrapper/foreign-options.js";
import type { Privilege } from "../privilege/privilege.model.js";

/** `CREATE SERVER`: belongs to the database, identified by its name; runs on one foreign-data wrapper. */
export interface ForeignServer {
  readonly kind: "foreign_server";
  readonly id: string;
  readonly name: string;
  /** The wrapper's name (`FOREIGN DATA WRAPPER w`). */
  readonly wrapper: string;
  /** `TYPE 'x'`: fixed at creation (no ALTER for it). */
  readonly type: string | null;
  /** `VERSION 'x'`. */
  readonly version: string | null;
  readonly options: readonly ForeignOption[];
  readonly owner: string;
  /** `USAGE` grants. */
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** `foreign_server:remote`. */
export function foreignServerId(name: string): string {
  return encodeId("foreign_server", [name]);
}
