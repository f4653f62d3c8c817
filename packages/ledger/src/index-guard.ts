import { PgFluxError, quoteIdent, skipSpaceAndComments } from "@pg-flux/core";
import { type Interruptible, interruptibleQuery } from "@pg-flux/inspector";
import type pg from "pg";
import type { SqlSource, SqlStatement } from "./sql-source.js";
import { lineAndColumn } from "./text-offsets.js";

/**
 * INVALID indexes and push. A failed or cancelled `CREATE INDEX CONCURRENTLY` leaves its index
 * behind, INVALID: the planner does not use it, a UNIQUE one does not guarantee uniqueness, and it
 * keeps its name taken — the same statement run again fails with "already exists", and with
 * `IF NOT EXISTS` it silently skips, so the file would be recorded as applied over an unusable index.
 *
 * Before each CREATE INDEX of a file, push looks at the index the statement names. When it exists
 * and is INVALID, push drops it and lets the statement build it anew if the index is pg-flux's to
 * rebuild — the file was written by `migrate generate`, or an earlier push of this file stopped in
 * this very statement — and otherwise stops there, saying how to drop it.
 */

/** The stop before a CREATE INDEX whose INVALID index is not pg-flux's to rebuild. */
export class InvalidIndexError extends PgFluxError {}

interface NamedIndex {
  /** The index name as written. */
  readonly name: string;
  /** The table as written, quoted: its schema is the index's. */
  readonly table: string;
  readonly ifNotExists: boolean;
  readonly concurrent: boolean;
  readonly unique: boolean;
}

function namedIndex(statement: SqlStatement): NamedIndex | undefined {
  const node = statement.node;
  if (!node || !("IndexStmt" in node)) return undefined;
  const index = node.IndexStmt;
  const relation = index.relation;
  if (!index.idxname || !relation?.relname) return undefined;
  return {
    name: index.idxname,
    table: relation.schemaname
      ? `${quoteIdent(relation.schemaname)}.${quoteIdent(relation.relname)}`
      : quoteIdent(relation.relname),
    ifNotExists: index.if_not_exists ?? false,
    concurrent: index.concurrent ?? false,
    unique: index.unique ?? false,
  };
}

/** An invalid plain index of that name in the table's schema (partitioned parents are left alone). */
async function invalidIndex(client: pg.ClientBase, target: NamedIndex): Promise<string | undefined> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_index i on i.indexrelid = c.oid
      where c.relname = $2 and c.relkind = 'i' and not i.indisvalid
        and c.relnamespace = (select relnamespace from pg_class where oid = to_regclass($1))`,
    [target.table, target.name],
  );
  return rows[0]?.name;
}

export interface IndexGuardOptions {
  readonly stop?: Interruptible;
  /** Whether the INVALID index named by statement `index` (0-based) may be dropped and rebuilt. */
  readonly mayRebuild: (index: number) => boolean;
  /** Told about each INVALID index dropped so that its statement builds it anew. */
  readonly onRebuild: (name: string) => void;
}

/** A `beforeStatement` hook for runStatements that applies the rule above. */
export function indexGuard(
  client: pg.ClientBase,
  source: SqlSource,
  options: IndexGuardOptions,
): (statement: SqlStatement, index: number, inBlock: boolean) => Promise<void> {
  return async (statement, index, inBlock) => {
    const target = namedIndex(statement);
    if (!target) return;
    const invalid = await invalidIndex(client, target);
    if (!invalid) return;
    if (options.mayRebuild(index)) {
      // `invalid` is format('%I.%I') output: quoted by the server.
      const concurrently = target.concurrent && !inBlock ? " concurrently" : "";
      await interruptibleQuery(client, options.stop, `drop index${concurrently} if exists ${invalid}`);
      options.onRebuild(invalid);
      return;
    }
    const at = skipSpaceAndComments(source.text, statement.start);
    const { line, column, sourceLine } = lineAndColumn(source.text, at);
    const skips = target.ifNotExists
      ? `; IF NOT EXISTS would skip it and the file would be recorded over an index that is not used${target.unique ? " and does not guarantee uniqueness" : ""}`
      : '; the statement would fail with "already exists"';
    throw new InvalidIndexError(
      `index ${invalid} exists but is INVALID (left by a failed or cancelled concurrent build)${skips}`,
      {
        code: "runtime",
        location: { file: source.file, line, column },
        sourceLine,
        sql: statement.text,
        hint: `drop it (DROP INDEX CONCURRENTLY ${invalid};) after fixing what made its build fail${target.unique ? " (duplicate rows)" : ""}, then push again: this statement builds it anew`,
      },
    );
  };
}

/** A CREATE INDEX outside any transaction block: a build that can be left behind INVALID. */
export function buildsIndex(statement: SqlStatement): boolean {
  return namedIndex(statement)?.concurrent ?? false;
}

/** Every INVALID plain index of the database, by qualified name. */
export async function invalidIndexNames(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where not i.indisvalid and c.relkind = 'i'`,
  );
  return new Set(rows.map((row) => row.name));
}
