import type { Step } from "@pg-flux/core";
import { clientConfig } from "@pg-flux/inspector";
import pg from "pg";

/**
 * Reads how far a concurrent index build of the runner's session has come, from a second connection
 * (`pg_stat_progress_create_index`, PostgreSQL 12+). Best effort: a failure to read progress never
 * fails the apply.
 */
export class ProgressProbe {
  #client: pg.Client | null = null;
  #broken = false;

  constructor(private readonly url: string) {}

  /** `building index: scanning table (41%)`, or null when there is nothing to report. */
  async indexBuild(pid: number): Promise<string | null> {
    const client = await this.#connect();
    if (!client) return null;
    try {
      const { rows } = await client.query<{
        phase: string;
        blocks_total: string;
        blocks_done: string;
        tuples_total: string;
        tuples_done: string;
      }>(
        `select phase, blocks_total::text, blocks_done::text, tuples_total::text, tuples_done::text
           from pg_stat_progress_create_index where pid = $1`,
        [pid],
      );
      const row = rows[0];
      if (!row) return null;
      const [done, total] =
        Number(row.blocks_total) > 0
          ? [Number(row.blocks_done), Number(row.blocks_total)]
          : [Number(row.tuples_done), Number(row.tuples_total)];
      const percent = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : "";
      return `${row.phase}${percent}`;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.#client?.end().catch(() => undefined);
    this.#client = null;
  }

  async #connect(): Promise<pg.Client | null> {
    if (this.#client || this.#broken) return this.#client;
    const client = new pg.Client(clientConfig(this.url, "progress"));
    client.on("error", () => undefined);
    try {
      await client.connect();
      this.#client = client;
    } catch {
      this.#broken = true;
    }
    return this.#client;
  }
}

/** Index builds report progress through pg_stat_progress_create_index. */
export function buildsIndex(step: Step): boolean {
  return /^\s*(CREATE|REINDEX)\b[^;]*\bINDEX\b/i.test(step.sql);
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[^\s".(]+)`;
const CONCURRENT_BUILD = new RegExp(
  String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})\s+ON\s+(?:ONLY\s+)?(?:(${IDENT})\.)?${IDENT}`,
  "i",
);

/**
 * The index a CREATE INDEX CONCURRENTLY step builds (and leaves INVALID when it fails part-way), schema-qualified as SQL text for `to_regclass`
 * (it goes into its table's schema; an unqualified table is in `public`, see core objects/sql.ts).
 */
export function concurrentIndexName(step: Step): string | null {
  const match = CONCURRENT_BUILD.exec(step.sql);
  if (!match) return null;
  return `${match[2] ?? "public"}.${match[1]}`;
}
