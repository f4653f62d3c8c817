/**
 * The first query of an inspection: which catalog shape to expect, and the TOAST compression methods
 * the server was built with (lz4 is optional at build time; pg_settings lists only those).
 */
export const SERVER_VERSION_QUERY = `select current_setting('server_version_num')::int as version,
  (select enumvals from pg_settings where name = 'default_toast_compression') as "compressionMethods"`;

export interface ServerVersionRow {
  readonly version: number;
  readonly compressionMethods: readonly string[] | null;
}
