import { PgFluxError } from "@pg-flux/core";
import type pg from "pg";

/**
 * A counted way to run the inspector's statements on one client. Every round trip goes through
 * here, so the count it reports is what the server saw.
 */
export class CatalogSession {
  #queries = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly schemas: readonly string[] | null,
  ) {}

  get queries(): number {
    return this.#queries;
  }

  /** A statement without parameters (BEGIN, SET, COMMIT). */
  async exec(sql: string): Promise<void> {
    this.#queries++;
    try {
      await this.client.query(sql);
    } catch (error) {
      throw catalogError(error, sql);
    }
  }

  /** A catalog query; `$1` (when the text uses it) is the `schemas` filter as text[] or null. */
  async rows<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
    this.#queries++;
    try {
      const params = sql.includes("$1") ? [this.schemas] : [];
      return (await this.client.query<R>(sql, params)).rows;
    } catch (error) {
      throw catalogError(error, sql);
    }
  }
}

function catalogError(error: unknown, sql: string): PgFluxError {
  const message = error instanceof Error ? error.message : String(error);
  const sqlState =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : undefined;
  return new PgFluxError(`reading the catalog failed: ${message}`, {
    code: "runtime",
    sql,
    cause: error,
    ...(sqlState ? { sqlState } : {}),
  });
}
