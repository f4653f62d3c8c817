/**
 * The external conformance cases (PGFLUX_CONFORMANCE_DIR, default ../shared/conformance; see its
 * README) as one list: migra's
 * fixture folders and sqldef's YAML cases for psqldef. Cases meant for other products or sqldef-only
 * options are listed with the reason they do not apply, never silently dropped.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { quoteIdent } from "@pg-flux/core";
import { conformance } from "@pg-flux/testkit/external";
import { parse } from "yaml";

/**
 * The cases' folder. The suites run only on request (PGFLUX_CONFORMANCE=1), so an absent folder then
 * is an error, never an empty suite that passes.
 */
function conformanceRoot(): string {
  const found = conformance();
  if (found.dir) return found.dir;
  throw new Error(
    `PGFLUX_CONFORMANCE=1 but no conformance cases at ${found.looked}: set ${found.variable}=<dir> (docs/recipes.md)`,
  );
}

export interface ConformanceCase {
  readonly suite: "migra" | "sqldef";
  readonly name: string;
  readonly current: string;
  readonly desired: string;
  readonly schemas: readonly string[] | null;
  /** The case expects an error: a clear PgFluxError/SQL error at load or plan time is the pass. */
  readonly expectsError: boolean;
  /** The other tool's migration renames something (sqldef's `up` has RENAME): so must the plan. */
  readonly expectsRename: boolean;
  /** Set when the case does not apply to pg-flux on this server. */
  readonly notApplicable: string | null;
  /**
   * Set when pg-flux rejects the case's desired SQL on purpose, or the embedded server lacks what
   * it needs: failing with an error matching `error` counts as not applicable for `reason`; any
   * other outcome is judged as usual.
   */
  readonly expectedRejection: ExpectedRejection | null;
}

export interface ExpectedRejection {
  readonly reason: string;
  readonly error: RegExp;
}

export function migraCases(): readonly ConformanceCase[] {
  const root = join(conformanceRoot(), "migra");
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const read = (file: string) => readFileSync(join(root, name, file), "utf8");
      const current = read("a.sql");
      const desired = read("b.sql");
      const schemas =
        name === "singleschema" || name === "singleschema_ext"
          ? ["goodschema"]
          : name === "excludeschema"
            ? schemasIn(`${current}\n${desired}`).filter((s) => s !== "excludedschema")
            : null;
      return {
        suite: "migra",
        name,
        current,
        desired,
        schemas,
        expectsError: false,
        expectsRename: false,
        notApplicable: null,
        expectedRejection: null,
      };
    });
}

interface SqldefCase {
  readonly current?: string;
  readonly desired?: string;
  readonly error?: string;
  readonly up?: string;
  readonly min_version?: string | number;
  readonly max_version?: string | number;
  readonly flavor?: string;
  readonly offline?: boolean;
  readonly managed_roles?: unknown;
  readonly manage?: unknown;
  readonly config?: unknown;
  readonly user?: string;
}

const NOT_FOR_POSTGRES = ["aurora_dsql", "pgvector"];

export function sqldefCases(serverMajor: number): readonly ConformanceCase[] {
  const root = join(conformanceRoot(), "sqldef");
  return readdirSync(root)
    .filter((file) => file.endsWith(".yml"))
    .sort()
    .flatMap((file) => {
      const suite = parse(readFileSync(join(root, file), "utf8")) as Record<string, SqldefCase> | null;
      const prefix = file.replace(/^cmd_psqldef_tests_/, "").replace(/\.yml$/, "");
      return Object.entries(suite ?? {}).map(([caseName, spec]): ConformanceCase => {
        const min = spec.min_version === undefined ? 0 : Number.parseFloat(String(spec.min_version));
        const max =
          spec.max_version === undefined
            ? Number.POSITIVE_INFINITY
            : Number.parseFloat(String(spec.max_version));
        const notApplicable = NOT_FOR_POSTGRES.some((p) => file.includes(p))
          ? `for ${prefix}, not PostgreSQL`
          : spec.flavor
            ? `sqldef flavor ${spec.flavor}`
            : spec.offline
              ? "sqldef offline mode"
              : spec.managed_roles !== undefined || spec.manage !== undefined || spec.config !== undefined
                ? "sqldef-only option (managed_roles/manage/config)"
                : serverMajor < min || serverMajor > max
                  ? `needs PostgreSQL ${spec.min_version ?? ""}…${spec.max_version ?? ""}`
                  : null;
        const name = `${prefix}/${caseName}`;
        const { current, desired } = sqldefEnvironment(spec);
        return {
          suite: "sqldef",
          name,
          current,
          desired,
          schemas: null,
          expectsError: spec.error !== undefined,
          expectsRename: /\bRENAME\b/i.test(spec.up ?? ""),
          notApplicable,
          expectedRejection: SQLDEF_REJECTED[name] ?? null,
        };
      });
    });
}

/**
 * What sqldef's test runner (cmd/psqldef/psqldef_test.go) sets up around a case, made part of both
 * sides, since pg-flux loads the desired SQL into an empty scratch database:
 * - a case with `user` runs as a role whose search_path is `foo, public`, after the runner created
 *   schema `foo` as that role (roles are not compared here, so only the schema and the path are kept);
 * - sqldef never drops a schema, so a schema the current SQL creates stays when the desired SQL does
 *   not mention it: pg-flux, which manages schemas, is given that schema on the desired side too.
 */
function sqldefEnvironment(spec: SqldefCase): { current: string; desired: string } {
  let current = spec.current ?? "";
  let desired = spec.desired ?? "";
  if (spec.user !== undefined) {
    const setup = "CREATE SCHEMA foo;\nSET search_path TO foo, public;\n";
    current = setup + current;
    desired = setup + desired;
  }
  const declared = new Set(schemasCreatedIn(desired));
  const kept = schemasCreatedIn(current).filter((schema) => !declared.has(schema));
  if (kept.length > 0) {
    desired = `${kept.map((schema) => `CREATE SCHEMA ${quoteIdent(schema)};\n`).join("")}${desired}`;
  }
  return { current, desired };
}

function schemasCreatedIn(sql: string): string[] {
  return [
    ...sql.matchAll(/create\s+schema\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)/gi),
  ].map((match) => {
    const name = match[1] ?? "";
    return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();
  });
}

/**
 * Cases whose desired SQL pg-flux rejects on purpose or the embedded server cannot load, with why
 * and the error that must be the cause (any other outcome is judged as usual).
 */
const NOT_POSTGRES_AT_TIME_ZONE =
  "not PostgreSQL syntax: a column DEFAULT (b_expr) and an index element need parentheses around x AT TIME ZONE y; sqldef's own parser accepts it, PostgreSQL and so pg-flux reject it";
const HINT_PLACE_REJECTED =
  "pg-flux reports a @renamed hint it cannot tie to the type (before TYPE, before the name, after AS or ENUM) instead of ignoring it as sqldef does, which would drop and recreate the type";
const SQLDEF_REJECTED: Readonly<Record<string, ExpectedRejection>> = {
  "datatypes/CreateTableWithBareAtTimeZoneDefault": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "AT"/,
  },
  "datatypes/CreateTableWithBareCurrentTimestampAtTimeZoneDefault": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "AT"/,
  },
  "datatypes/BareAtTimeZoneDefaultEquivalentToParenthesized": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "AT"/,
  },
  "datatypes/CreateTableWithBareCastedAtTimeZoneDefault": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "AT"/,
  },
  "indices/CreateIndexWithBareAtTimeZoneExpression": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "TIME"/,
  },
  "indices/BareAtTimeZoneIndexEquivalentToParenthesized": {
    reason: NOT_POSTGRES_AT_TIME_ZONE,
    error: /syntax error at or near "TIME"/,
  },
  "set/SetSearchPathTo": {
    reason:
      "sqldef ignores SET; pg-flux runs the desired SQL with its settings as psql would, and PostgreSQL refuses CREATE TABLE when search_path names only a schema that does not exist",
    error: /no schema has been selected to create in/,
  },
  "fk_deps/ForeignKeyDependenciesCircular": {
    reason:
      "two CREATE TABLEs whose inline REFERENCES point at each other cannot run in PostgreSQL in any order; pg-flux reports the cycle and how to break it (ALTER TABLE … ADD CONSTRAINT)",
    error: /dependency cycle/,
  },
  "datatypes/ColumnWithCollation": {
    reason:
      'environment: the embedded PostgreSQL has no OS locale collation "en_US" (sqldef\'s Docker image has)',
    error: /collation "en_US" for encoding "UTF8" does not exist/,
  },
  "domains/CreateDomainWithCollation": {
    reason:
      'environment: the embedded PostgreSQL has no OS locale collation "en_US" (sqldef\'s Docker image has)',
    error: /collation "en_US" for encoding "UTF8" does not exist/,
  },
  "types/RenameEnumTypeOldTypeNotFound": {
    reason:
      "pg-flux reports a rename hint that matches nothing (neither name exists where types do) instead of ignoring it as sqldef does: it is usually a typo, and the old type would be dropped",
    error: /rename hint matches nothing: neither type public\.missing_state/,
  },
  "types/RenameEnumTypeCommentBeforeTypeKeywordIgnored": {
    reason: HINT_PLACE_REJECTED,
    error: /@renamed must trail an enum label on the same line, or directly follow the type name/,
  },
  "types/RenameEnumTypeCommentBeforeTypeNameIgnored": {
    reason: HINT_PLACE_REJECTED,
    error: /@renamed must trail an enum label on the same line, or directly follow the type name/,
  },
  "types/RenameEnumTypeCommentAfterAsIgnored": {
    reason: HINT_PLACE_REJECTED,
    error: /@renamed must trail an enum label on the same line, or directly follow the type name/,
  },
  "types/RenameEnumTypeCommentAfterEnumIgnored": {
    reason: HINT_PLACE_REJECTED,
    error: /@renamed must trail an enum label on the same line, or directly follow the type name/,
  },
  "types/RenameEnumTypeFirstAcceptedCommentWins": {
    reason:
      "two rename hints for one type: pg-flux reports the conflict instead of taking the first as sqldef does",
    error: /two hints rename type:public\.order_status/,
  },
};

function schemasIn(sql: string): string[] {
  const found = new Set(["public"]);
  for (const match of sql.matchAll(/create\s+schema\s+(?:if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) {
    found.add((match[1] ?? "").toLowerCase());
  }
  return [...found].sort();
}
