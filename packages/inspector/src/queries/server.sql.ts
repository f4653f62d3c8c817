/** The first query of an inspection: which catalog shape to expect. */
export const SERVER_VERSION_QUERY = "select current_setting('server_version_num')::int as version";

export interface ServerVersionRow {
  readonly version: number;
}
