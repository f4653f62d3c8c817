import type { Privilege } from "../privilege/privilege.model.js";

export interface Function {
  readonly kind: "function" | "procedure";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** `pg_get_function_identity_arguments`: what identifies it (`a integer, b text`). */
  readonly identityArguments: string;
  /**
   * `oidvectortypes(proargtypes)`: the input argument types alone (`integer, text`). With `schema`
   * and `name` this is PostgreSQL's own identity of a routine: parameter names are not part of it,
   * so `f(a integer)` and `f(b integer)` cannot exist side by side.
   */
  readonly argumentTypes: string;
  /** `pg_get_function_arguments`: with defaults and modes. */
  readonly arguments: string;
  /** `pg_get_function_result`; null for procedures. */
  readonly returns: string | null;
  readonly language: string;
  /** `pg_get_functiondef`: the complete CREATE OR REPLACE statement. */
  readonly definition: string;
  /**
   * Routines of this state (ids, sorted) that a string body (`sql`, `plpgsql`) calls by name, found
   * by parsing the body (the parser's `routineBodyCalls`): PostgreSQL records no dependency for
   * them (a SQL-standard `BEGIN ATOMIC` body's references are in `dependencies` instead). An
   * unqualified name stands for the routines of that name in the schemas of the routine's own
   * `search_path` setting, or in every schema of the state when it sets none.
   */
  readonly calls: readonly string[];
  readonly volatility: "immutable" | "stable" | "volatile";
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly leakproof: boolean;
  readonly parallel: "safe" | "restricted" | "unsafe";
  /** proconfig: `["search_path=public"]`. */
  readonly config: readonly string[];
  readonly cost: number;
  readonly rows: number;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
