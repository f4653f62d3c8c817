/**
 * Conformance (shared by migra.test.ts and sqldef.test.ts): the round-trip invariant (plan, apply, re-inspect equals desired, re-plan empty) over
 * the migra and sqldef cases in ../shared/conformance (or PGFLUX_CONFORMANCE_DIR). Many cases are expected to fail while object
 * kinds are being added, so this suite runs only on request:
 *
 *   PGFLUX_CONFORMANCE=1 npx vitest run --project integration --maxWorkers=4 packages/engine/test/conformance
 *
 * (PGFLUX_TEST_PG=14 for PostgreSQL 14). Every case is one test, so the reporter prints pass/fail per
 * case; the totals per suite are printed at the end. Cases that do not apply (other products,
 * sqldef-only options, server version) are reported as skipped with their reason in the name; cases
 * pg-flux rejects on purpose (cases.ts `expectedRejection`) run, and are skipped with their reason
 * only when they fail with the expected error.
 */
import { InvalidInputError, PgFluxError } from "@pg-flux/core";
import type { ScratchHost } from "@pg-flux/engine";
import { scratchHostForFile, test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { type ConformanceCase, migraCases, sqldefCases } from "./cases.js";
import { firstDifference, runInvariant } from "./invariant.js";

const enabled = process.env.PGFLUX_CONFORMANCE === "1";
const major = Number(process.env.PGFLUX_TEST_PG ?? "18");
const tally: Record<
  string,
  { pass: number; fail: number; skipped: number; failures: string[]; rejections: string[] }
> = {};

function record(suite: string, outcome: "pass" | "fail" | "skipped", name: string, why = ""): void {
  const entry = tally[suite] ?? { pass: 0, fail: 0, skipped: 0, failures: [], rejections: [] };
  tally[suite] = entry;
  entry[outcome]++;
  if (outcome === "fail") entry.failures.push(`${name}: ${why.split("\n")[0]?.slice(0, 200)}`);
  if (outcome === "skipped" && why) entry.rejections.push(`${name}: ${why}`);
}

async function check(
  db: Parameters<typeof runInvariant>[0],
  item: ConformanceCase,
  host: ScratchHost,
): Promise<void> {
  await db.query(
    "DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
  );
  try {
    const result = await runInvariant(db, {
      host,
      currentSql: item.current,
      desiredSql: item.desired,
      schemas: item.schemas,
    });
    if (item.expectsError) throw new Error("expected an error, but the plan applied");
    if (result.outcome.status === "failed") {
      throw new Error(`apply failed at ${result.outcome.step.sql}: ${result.outcome.error.message}`);
    }
    if (item.expectsRename && !result.plan.steps.some((step) => /\bRENAME\b/i.test(step.sql))) {
      throw new Error(
        `expected a rename, the plan has none: ${result.plan.steps.map((step) => step.sql).join(" ")}`,
      );
    }
    const leftover = result.replan.steps.map((step) => step.sql);
    if (leftover.length > 0) throw new Error(`re-plan not empty: ${leftover.slice(0, 3).join(" ")}`);
    if (result.afterJson !== result.desiredJson) {
      throw new Error(
        `migrated database differs from desired ${firstDifference(result.afterJson, result.desiredJson)}`,
      );
    }
  } catch (error) {
    if (item.expectsError && (error instanceof PgFluxError || (error instanceof Error && "code" in error)))
      return;
    throw error;
  }
}

/** An error as one line: an InvalidInputError lists each problem at its file:line:col. */
function describeError(error: unknown): string {
  if (error instanceof InvalidInputError && error.problems.length > 0) {
    return error.problems
      .map((p) => `${p.location ? `${p.location.line}:${p.location.column}: ` : ""}${p.message}`)
      .join(" | ");
  }
  return error instanceof Error ? error.message : String(error);
}

export function conformanceSuite(suite: "migra" | "sqldef"): void {
  // Read only on request: without PGFLUX_CONFORMANCE=1 the cases' folder need not exist.
  const cases = !enabled ? [] : suite === "migra" ? migraCases() : sqldefCases(major);
  describe.runIf(enabled).concurrent(`conformance ${suite}`, () => {
    const scratch = scratchHostForFile();
    for (const item of cases) {
      if (item.notApplicable) {
        test.skip(`${item.name} (n/a: ${item.notApplicable})`, () => undefined);
        record(suite, "skipped", item.name);
        continue;
      }
      test(item.name, async ({ db, skip }) => {
        expect(testServer().major).toBeGreaterThanOrEqual(14);
        try {
          await check(db, item, scratch());
          record(suite, "pass", item.name);
        } catch (error) {
          const why = describeError(error);
          const rejection = item.expectedRejection;
          if (rejection?.error.test(why)) {
            record(suite, "skipped", item.name, rejection.reason);
            skip(`n/a: ${rejection.reason} (${why})`);
          }
          record(suite, "fail", item.name, why);
          throw new Error(why, { cause: error });
        }
      });
    }
  });

  afterAll(() => {
    const t = tally[suite];
    if (!enabled || !t) return;
    console.log(`conformance ${suite}: ${t.pass} passed, ${t.fail} failed, ${t.skipped} not applicable`);
    for (const rejection of t.rejections) console.log(`  N/A ${rejection}`);
    for (const failure of t.failures) console.log(`  FAIL ${failure}`);
  });
}
