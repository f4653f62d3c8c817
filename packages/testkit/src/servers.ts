/** Name of the empty database each test database is cloned from. */
export const TEMPLATE_DATABASE = "pgflux_template";

export interface TestServerInfo {
  /** Superuser URL (database `postgres`). */
  readonly adminUrl: string;
  readonly serverVersionNum: number;
  readonly major: number;
}
