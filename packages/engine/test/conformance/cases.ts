/**
 * The external conformance cases (../shared/conformance, see its README) as one list: migra's
 * fixture folders and sqldef's YAML cases for psqldef. Cases meant for other products or sqldef-only
 * options are listed with the reason they do not apply, never silently dropped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const CONFORMANCE_ROOT = fileURLToPath(new URL("../../../../../shared/conformance/", import.meta.url));

export interface ConformanceCase {
  readonly suite: "migra" | "sqldef";
  readonly name: string;
  readonly current: string;
  readonly desired: string;
  readonly schemas: readonly string[] | null;
  /** The case expects an error: a clear PgFluxError/SQL error at load or plan time is the pass. */
  readonly expectsError: boolean;
  /** Set when the case does not apply to pg-flux on this server. */
  readonly notApplicable: string | null;
}

export function migraCases(): readonly ConformanceCase[] {
  const root = join(CONFORMANCE_ROOT, "migra");
  if (!existsSync(root)) return [];
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
      return { suite: "migra", name, current, desired, schemas, expectsError: false, notApplicable: null };
    });
}

interface SqldefCase {
  readonly current?: string;
  readonly desired?: string;
  readonly error?: string;
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
  const root = join(CONFORMANCE_ROOT, "sqldef");
  if (!existsSync(root)) return [];
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
        return {
          suite: "sqldef",
          name: `${prefix}/${caseName}`,
          current: spec.current ?? "",
          desired: spec.desired ?? "",
          schemas: null,
          expectsError: spec.error !== undefined,
          notApplicable,
        };
      });
    });
}

function schemasIn(sql: string): string[] {
  const found = new Set(["public"]);
  for (const match of sql.matchAll(/create\s+schema\s+(?:if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) {
    found.add((match[1] ?? "").toLowerCase());
  }
  return [...found].sort();
}
