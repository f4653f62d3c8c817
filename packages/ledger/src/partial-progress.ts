import { createHash } from "node:crypto";
import { skipSpaceAndComments } from "@pg-flux/core";
import type pg from "pg";
import { partialTable } from "./ledger-schema.js";
import { tableExists } from "./ledger-store.js";
import type { SqlSource } from "./sql-source.js";

/**
 * How far a versioned `no-transaction` file got. Its statements run in autocommit, so when one fails
 * (or the push is interrupted) the ones before it stay. Running the whole file again would repeat
 * them — "column already exists", or worse, a data statement applied twice — so push records, as it
 * goes, how many leading statements ran and stay, with a digest of their text, and the next push of
 * the same file resumes after them. The record is written after each autocommit statement, inside a
 * file's `BEGIN … COMMIT` block just before its COMMIT (so that it commits with the block), and
 * before each index build (`attempted`: an INVALID index found there next time is that build's).
 */
export interface PartialRecord {
  readonly version: string;
  readonly name: string;
  /** The file's checksum when it last ran. */
  readonly checksum: string;
  readonly statementsTotal: number;
  /** Leading statements that ran and stay. */
  readonly statementsDone: number;
  /** digestOf(the file, statementsDone) when they ran. */
  readonly doneDigest: string;
  /** The statement (1-based) sent last that did not finish: the one that failed, or a build in flight. */
  readonly attempted: number | null;
  /** Why the file stopped. */
  readonly error: string | null;
  readonly updatedAt: Date;
}

interface PartialRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly statements_total: number;
  readonly statements_done: number;
  readonly done_digest: string;
  readonly attempted: number | null;
  readonly error: string | null;
  readonly updated_at: Date;
}

/**
 * The sha256 of the text of a file's first `count` statements, each from its first token (comments
 * and blank lines before a statement do not count), so that an edit to a statement that already ran
 * is noticed and an edit after them is not.
 */
export function digestOf(source: SqlSource, count: number): string {
  const hash = createHash("sha256");
  for (const statement of source.statements.slice(0, count)) {
    const start = skipSpaceAndComments(source.text, statement.start);
    hash.update(source.text.slice(start, statement.start + statement.text.length), "utf8");
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

/** The tenant's partly applied files; none when the table does not exist (an older ledger). */
export async function readPartialRecords(client: pg.ClientBase, tenant: string): Promise<PartialRecord[]> {
  if (!(await tableExists(client, partialTable))) return [];
  const { rows } = await client.query<PartialRow>(
    `select version, name, checksum, statements_total, statements_done, done_digest, attempted, error, updated_at
       from ${partialTable} where tenant_schema = $1 order by version`,
    [tenant],
  );
  return rows.map((row) => ({
    version: row.version,
    name: row.name,
    checksum: row.checksum,
    statementsTotal: row.statements_total,
    statementsDone: row.statements_done,
    doneDigest: row.done_digest,
    attempted: row.attempted,
    error: row.error,
    updatedAt: row.updated_at,
  }));
}

export interface PartialEntry {
  readonly tenant: string;
  readonly version: string;
  readonly name: string;
  readonly source: SqlSource;
  readonly done: number;
  readonly attempted: number | null;
  readonly error: string | null;
}

export async function savePartial(client: pg.ClientBase, entry: PartialEntry): Promise<void> {
  await client.query(
    `insert into ${partialTable}
       (tenant_schema, version, name, checksum, statements_total, statements_done, done_digest, attempted, error)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (tenant_schema, version) do update
       set name = excluded.name, checksum = excluded.checksum, statements_total = excluded.statements_total,
           statements_done = excluded.statements_done, done_digest = excluded.done_digest,
           attempted = excluded.attempted, error = excluded.error, updated_at = now(), updated_by = current_user`,
    [
      entry.tenant,
      entry.version,
      entry.name,
      entry.source.checksum,
      entry.source.statements.length,
      entry.done,
      digestOf(entry.source, entry.done),
      entry.attempted,
      entry.error,
    ],
  );
}

export async function deletePartial(client: pg.ClientBase, tenant: string, version: string): Promise<void> {
  await client.query(`delete from ${partialTable} where tenant_schema = $1 and version = $2`, [
    tenant,
    version,
  ]);
}
