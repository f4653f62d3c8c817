import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  connectionSecrets,
  FLUX_SCHEMA,
  InvalidInputError,
  PgFluxError,
  type Problem,
  quoteLiteral,
  redactUrl,
} from "@pg-flux/core";
import { withConnection } from "@pg-flux/inspector";
import { tenantNameProblem } from "./placeholder.js";

/** One member of a fleet: a tenant schema of a database (`public` for a database of its own). */
export interface FleetTarget {
  /** Unique in the fleet: the schema, or `<database name>/<schema>` when the fleet spans databases. */
  readonly id: string;
  /** The database's name in the targets file, or the URL with its password masked. */
  readonly database: string;
  /** Never printed: show `database` instead. */
  readonly databaseUrl: string;
  readonly schema: string;
}

/**
 * Which schemas of a database are tenants:
 * - `list`: exactly these (each must exist);
 * - `like`: every schema whose name matches the SQL LIKE pattern (`t_%_api`);
 * - `query`: the first column of a read-only query (`select schema_name from tenants where active`).
 */
export type TenantSelector =
  | { readonly kind: "list"; readonly schemas: readonly string[] }
  | { readonly kind: "like"; readonly pattern: string }
  | { readonly kind: "query"; readonly sql: string };

/**
 * The command line's `--schemas` value: with a `%` it is a LIKE pattern, otherwise a comma list of
 * schema names (`_`, a LIKE wildcard too, is common in names, so only `%` makes a pattern).
 */
export function parseTenantSelector(text: string): TenantSelector {
  if (text.includes("%")) return { kind: "like", pattern: text.trim() };
  const schemas = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (schemas.length === 0) {
    throw new InvalidInputError([
      { message: "--schemas names no schema", hint: "give a LIKE pattern (t_%_api) or a comma list" },
    ]);
  }
  return { kind: "list", schemas };
}

/** One database of a fleet, as a targets file lists it. */
export interface FleetDatabase {
  readonly name: string;
  readonly url: string;
  readonly tenants: TenantSelector;
}

const SYSTEM_SCHEMAS = `nspname not like 'pg\\_%' and nspname <> 'information_schema' and nspname <> ${quoteLiteral(FLUX_SCHEMA)}`;

/**
 * The targets of the given databases, in order (databases as given, schemas by name). A selector
 * that matches no schema, a listed schema that does not exist, or a schema whose name needs quoting
 * is an error naming the database (its URL masked): a fleet that silently shrank would report
 * success for tenants it never touched.
 */
export async function resolveFleetTargets(
  databases: readonly FleetDatabase[],
): Promise<readonly FleetTarget[]> {
  const several = databases.length > 1;
  const targets: FleetTarget[] = [];
  const problems: Problem[] = [];
  for (const database of databases) {
    const schemas = await tenantSchemas(database);
    if (schemas.found.length === 0) {
      problems.push({
        message: `${database.name}: ${describeSelector(database.tenants)} matches no schema`,
        hint: "check the pattern or list (pg-flux fleet list shows what a fleet holds)",
      });
    }
    for (const name of schemas.missing) {
      problems.push({ message: `${database.name}: schema ${name} does not exist` });
    }
    for (const schema of schemas.found) {
      const problem = tenantNameProblem(schema);
      if (problem) problems.push({ message: `${database.name}: ${problem}` });
      targets.push({
        id: several ? `${database.name}/${schema}` : schema,
        database: database.name,
        databaseUrl: database.url,
        schema,
      });
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  const ids = new Set<string>();
  for (const target of targets) {
    if (ids.has(target.id)) throw new InvalidInputError([{ message: `target ${target.id} is listed twice` }]);
    ids.add(target.id);
  }
  return targets;
}

function describeSelector(selector: TenantSelector): string {
  switch (selector.kind) {
    case "list":
      return `the list ${selector.schemas.join(",")}`;
    case "like":
      return `the pattern ${selector.pattern}`;
    case "query":
      return "the tenant query";
    default: {
      const _exhaustive: never = selector;
      return _exhaustive;
    }
  }
}

async function tenantSchemas(
  database: FleetDatabase,
): Promise<{ readonly found: readonly string[]; readonly missing: readonly string[] }> {
  const { tenants } = database;
  return withConnection(database.url, "inspect", async (client) => {
    switch (tenants.kind) {
      case "list": {
        const { rows } = await client.query<{ name: string }>(
          "select nspname as name from pg_namespace where nspname = any($1::text[]) order by 1",
          [tenants.schemas],
        );
        const found = new Set(rows.map((row) => row.name));
        return {
          found: [...new Set(tenants.schemas)].filter((name) => found.has(name)),
          missing: tenants.schemas.filter((name) => !found.has(name)),
        };
      }
      case "like": {
        const { rows } = await client.query<{ name: string }>(
          `select nspname as name from pg_namespace where nspname like $1 and ${SYSTEM_SCHEMAS} order by 1`,
          [tenants.pattern],
        );
        return { found: rows.map((row) => row.name), missing: [] };
      }
      case "query": {
        // the user's own query, run read-only: it may select, never change anything
        await client.query("begin transaction read only");
        try {
          const result = await client.query({ text: tenants.sql, rowMode: "array" });
          const names = result.rows.map((row: unknown[]) => String(row[0]));
          return { found: [...new Set(names)].sort(), missing: [] };
        } catch (error) {
          throw new PgFluxError(
            `${database.name}: the tenant query failed: ${error instanceof Error ? error.message : String(error)}`,
            { code: "invalid_input", cause: error },
          );
        } finally {
          await client.query("rollback").catch(() => undefined);
        }
      }
      default: {
        const _exhaustive: never = tenants;
        return _exhaustive;
      }
    }
  });
}

/** The fleet of one database: `--database-url` with `--schemas`. */
export function singleDatabase(url: string, tenants: TenantSelector): FleetDatabase {
  return { name: redactUrl(url), url, tenants };
}

/**
 * Reads a targets file (docs/fleet.md#several-databases):
 *
 * ```json
 * { "databases": [
 *   { "name": "eu-1", "urlEnv": "EU1_DATABASE_URL", "schemas": "t_%_api" },
 *   { "name": "us-1", "url": "postgres://app@us-db/app" } ] }
 * ```
 *
 * `url` (never with a password: those come from `urlEnv`, `PGPASSWORD` or `~/.pgpass`) or `urlEnv`;
 * `schemas`: a LIKE pattern or comma list (default `public`), or `query`. Every problem is reported
 * at once, URLs masked.
 */
export async function readTargetsFile(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd = process.cwd(),
): Promise<readonly FleetDatabase[]> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InvalidInputError([
      {
        message: `${path}: cannot read the targets file (${(error as NodeJS.ErrnoException).code ?? error})`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ message: `${path}: invalid JSON: ${(error as Error).message}` }]);
  }
  return parseFleetDatabases((json as { databases?: unknown } | null)?.databases, path, env);
}

/**
 * The `databases` list of a targets file, or of flux.json's `fleet` section (`where` names it in
 * errors: `targets.json`, `flux.json: fleet`): each entry `name`, `url` or `urlEnv`, `schemas` or
 * `query`. Every problem is reported at once, URLs masked.
 */
export function parseFleetDatabases(
  entries: unknown,
  where: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): readonly FleetDatabase[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new InvalidInputError([
      { message: `${where}: expected {"databases": [ ... ]} with at least one database` },
    ]);
  }
  const problems: Problem[] = [];
  const databases: FleetDatabase[] = [];
  const names = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const at = `${where}: databases[${index}]`;
    const parsed = parseDatabaseEntry(entry, at, env, problems);
    if (!parsed) return;
    if (names.has(parsed.name)) problems.push({ message: `${at}: the name ${parsed.name} is used twice` });
    names.add(parsed.name);
    databases.push(parsed);
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return databases;
}

const ENTRY_KEYS = new Set(["name", "url", "urlEnv", "schemas", "query"]);

function parseDatabaseEntry(
  entry: unknown,
  where: string,
  env: Readonly<Record<string, string | undefined>>,
  problems: Problem[],
): FleetDatabase | null {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    problems.push({ message: `${where}: expected an object` });
    return null;
  }
  const record = entry as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(record)) {
    if (!ENTRY_KEYS.has(key))
      problems.push({
        message: `${where}: unknown key ${JSON.stringify(key)} (known: ${[...ENTRY_KEYS].join(", ")})`,
      });
  }
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value === "string" && value.trim() !== "") return value;
    problems.push({ message: `${where}: ${key} must be a non-empty string` });
    return undefined;
  };
  const name = text("name");
  const url = text("url");
  const urlEnv = text("urlEnv");
  const schemas = text("schemas");
  const query = text("query");
  if (name === undefined && record.name === undefined)
    problems.push({ message: `${where}: name is required` });
  if (url !== undefined && connectionSecrets(url).length > 0) {
    problems.push({
      message: `${where}: url ${redactUrl(url)} holds a password; secrets never live in the targets file`,
      hint: "use urlEnv (an environment variable holding the URL), PGPASSWORD or ~/.pgpass",
    });
  }
  if ((url === undefined) === (urlEnv === undefined))
    problems.push({ message: `${where}: give exactly one of url and urlEnv` });
  if (schemas !== undefined && query !== undefined)
    problems.push({ message: `${where}: give schemas or query, not both` });
  const resolved = url ?? (urlEnv === undefined ? undefined : env[urlEnv]);
  if (urlEnv !== undefined && !resolved)
    problems.push({ message: `${where}: the environment variable ${urlEnv} is not set` });
  if (problems.length > before || name === undefined || resolved === undefined) return null;
  return {
    name,
    url: resolved,
    tenants: query !== undefined ? { kind: "query", sql: query } : parseTenantSelector(schemas ?? "public"),
  };
}
