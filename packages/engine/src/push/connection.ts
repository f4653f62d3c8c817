import { PgFluxError, redactUrl } from "@pg-flux/core";
import pg from "pg";

/** Opens a connection to the target; a failure names the server without its password. */
export async function connectTarget(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "pg-flux push" });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new PgFluxError(`could not connect to ${redactUrl(url)}: ${reason}`, {
      code: "runtime",
      cause: error,
      hint: "check the URL (--database-url, DATABASE_URL or the project's connection in flux.json)",
    });
  }
  return client;
}

/** Runs `work` on a fresh connection and always closes it. */
export async function withConnection<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectTarget(url);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
