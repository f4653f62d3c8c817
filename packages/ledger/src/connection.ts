import { connect } from "@pg-flux/inspector";
import type pg from "pg";

/** Opens a connection to the target; a failure names the server without its password. */
export function connectTarget(url: string): Promise<pg.Client> {
  return connect(url, "push", {
    hint: "check the URL (--database-url, DATABASE_URL or the project's connection in flux.json)",
  });
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
