import { connectionSecrets, connectionUrl, PgFluxError, redactSecrets, redactUrl } from "@pg-flux/core";
import pg from "pg";

/** The application_name of every connection pg-flux opens, so that DBAs see it in pg_stat_activity. */
export const APPLICATION_NAME = "pg-flux";

/**
 * What a connection is for, shown after `pg-flux` in application_name (`pg-flux inspect`,
 * `pg-flux apply`, …) so that a DBA looking at pg_stat_activity or pg_locks knows what is waiting.
 */
export type ConnectionPurpose =
  | "inspect"
  | "apply"
  | "progress"
  | "cancel"
  | "push"
  | "scratch"
  | "verify"
  | "embedded"
  | "diagnose";

export interface ConnectOptions {
  /** Give up connecting after this long (default: the driver's, no limit). */
  readonly connectionTimeoutMs?: number;
  /** Shown in the failure (default: where to set the URL). */
  readonly hint?: string;
}

/**
 * The driver settings for a connection: either form of connection string (key=value is turned into
 * a URL), and `application_name = pg-flux <purpose>` unless the connection string sets its own.
 * The one place every pg-flux connection is configured.
 */
export function clientConfig(connection: string, purpose: ConnectionPurpose): pg.ClientConfig {
  return {
    connectionString: connectionUrl(connection),
    application_name: `${APPLICATION_NAME} ${purpose}`,
  };
}

/**
 * Opens a connection; a failure is a runtime PgFluxError naming the server without any secret of
 * the connection string (the driver's own message is masked too). The caller ends the client.
 */
export async function connect(
  connection: string,
  purpose: ConnectionPurpose,
  options: ConnectOptions = {},
): Promise<pg.Client> {
  const client = new pg.Client({
    ...clientConfig(connection, purpose),
    ...(options.connectionTimeoutMs === undefined
      ? {}
      : { connectionTimeoutMillis: options.connectionTimeoutMs }),
  });
  // a server that goes away later surfaces as the failure of the query in flight
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(connection, error, options.hint);
  }
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withConnection<T>(
  connection: string,
  purpose: ConnectionPurpose,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await connect(connection, purpose);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function connectionError(connection: string, error: unknown, hint: string | undefined): PgFluxError {
  const reason = redactSecrets(
    error instanceof Error ? error.message : String(error),
    connectionSecrets(connection),
  );
  return new PgFluxError(`could not connect to ${redactUrl(connection)}: ${reason}`, {
    code: "runtime",
    hint: hint ?? "check the connection string (--database-url, DATABASE_URL or the flux.json project)",
    // the driver's error may carry the connection's settings: keep only what is safe to show
    cause: new Error(reason),
  });
}
