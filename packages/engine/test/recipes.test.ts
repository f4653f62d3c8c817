/**
 * The seed's recipe book, proven on a real server: every folder of fixtures/recipes/ is planned
 * from current.sql to desired.sql; the plan must read exactly as expected.sql (statements, order,
 * transaction boundaries), apply cleanly, leave the database equal to the desired state with an
 * empty re-plan, and keep the rows case.json seeds. Set PGFLUX_WRITE_EXPECTED=1 to write missing
 * expected.sql files, or expected.pg<major>.sql where an older major's plan text differs (read them
 * before committing). PGFLUX_RECIPES=name,prefix-* runs only those folders (the completeness check
 * always runs).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HazardKind, PlanOptions } from "@pg-flux/core";
import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { firstDifference, renderExpected, runInvariant } from "./conformance/invariant.js";

const ROOT = fileURLToPath(new URL("../../../fixtures/recipes/", import.meta.url));

interface RecipeCase {
  readonly recipe: string;
  readonly schemas?: readonly string[];
  readonly options?: Partial<PlanOptions>;
  readonly seed?: string;
  /** Hazard kinds per step, in plan order. */
  readonly hazards?: readonly (readonly HazardKind[])[];
  readonly check?: { readonly sql: string; readonly rows: readonly Record<string, unknown>[] };
  /** The oldest major the recipe's SQL runs on (NOT ENFORCED needs 18); older servers skip it, saying so. */
  readonly minMajor?: number;
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** `PGFLUX_RECIPES=a,b-*`: folder names, `*` at the end matching a prefix; unset runs every folder. */
function selected(name: string): boolean {
  const filter = process.env.PGFLUX_RECIPES?.trim();
  if (!filter) return true;
  return filter
    .split(",")
    .map((item) => item.trim())
    .some((item) => (item.endsWith("*") ? name.startsWith(item.slice(0, -1)) : name === item));
}

describe("recipes", () => {
  const scratch = scratchHostForFile();
  test("every recipe folder is complete", () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
    for (const name of cases) {
      for (const file of ["current.sql", "desired.sql", "case.json"])
        expect(existsSync(join(ROOT, name, file)), `${name}/${file}`).toBe(true);
    }
  });

  for (const name of cases.filter(selected)) {
    test(name, async ({ db, skip }) => {
      const dir = join(ROOT, name);
      const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as RecipeCase;
      skip(
        spec.minMajor !== undefined && db.server.major < spec.minMajor,
        `${name} needs PostgreSQL ${spec.minMajor}+`,
      );
      const result = await runInvariant(db, {
        host: scratch(),
        currentSql: readFileSync(join(dir, "current.sql"), "utf8"),
        desiredSql: readFileSync(join(dir, "desired.sql"), "utf8"),
        schemas: spec.schemas ?? null,
        ...(spec.options ? { options: spec.options } : {}),
        ...(spec.seed ? { seedSql: spec.seed } : {}),
      });

      const actual = renderExpected(result.plan);
      // A major whose server deparses view bodies differently (14 prints `users.id` where 18 prints
      // `id`) has its own expected.pg<major>.sql; every other major reads expected.sql.
      const versioned = join(dir, `expected.pg${db.server.major}.sql`);
      const expectedPath = existsSync(versioned) ? versioned : join(dir, "expected.sql");
      if (process.env.PGFLUX_WRITE_EXPECTED === "1") {
        if (!existsSync(expectedPath)) writeFileSync(expectedPath, `${actual}\n`);
        else if (db.server.major !== 18 && readFileSync(expectedPath, "utf8").trim() !== actual)
          writeFileSync(versioned, `${actual}\n`);
      }
      expect(actual, `${name}: plan differs from expected.sql`).toBe(
        readFileSync(expectedPath, "utf8").trim(),
      );

      if (spec.hazards)
        expect(result.plan.steps.map((step) => step.hazards.map((h) => h.kind))).toEqual(spec.hazards);

      expect(
        result.outcome.status,
        result.outcome.status === "failed"
          ? `${result.outcome.step.sql}: ${result.outcome.error.message}`
          : "",
      ).toBe(result.plan.steps.length === 0 ? "nothing_to_do" : "applied");
      expect(
        result.replan.steps.map((step) => step.sql),
        "re-plan after apply",
      ).toEqual([]);
      expect(
        result.afterJson === result.desiredJson,
        firstDifference(result.afterJson, result.desiredJson),
      ).toBe(true);

      if (spec.check) {
        const rows = (await db.query(spec.check.sql)).rows;
        expect(rows).toEqual(spec.check.rows);
      }
    });
  }
});
