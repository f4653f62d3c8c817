/**
 * The first query of an inspection: which catalog shape to expect, and the TOAST compression methods
 * the server was built with (lz4 is optional at build time; pg_settings lists only those), and the
 * role reading (whose default privileges the objects a plan creates get).
 */
export const SERVER_VERSION_QUERY = `select current_setting('server_version_num')::int as version,
  (select enumvals from pg_settings where name = 'default_toast_compression') as "compressionMethods",
  current_user as "currentUser"`;

export interface ServerVersionRow {
  readonly version: number;
  readonly compressionMethods: readonly string[] | null;
  readonly currentUser: string;
}
