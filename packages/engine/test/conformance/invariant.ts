/**
 * The round-trip invariant every recipe and conformance case must satisfy on a real server:
 * load `current` into a database, load `desired` into a scratch database and read it back, plan,
 * apply, re-inspect: the result equals the desired state and a second plan is empty.
 */
import {
  canonicalJson,
  type Plan,
  type PlanOptions,
  plan as planStates,
  type SchemaState,
} from "@pg-flux/core";
import {
  type ApplyPlanOutcome,
  applyPlan,
  loadDesiredState,
  renamesFromHints,
  type ScratchHost,
  statementHazards,
} from "@pg-flux/engine";
import { inspect } from "@pg-flux/inspector";
import type { TestDatabase } from "@pg-flux/testkit";

export interface InvariantCase {
  readonly currentSql: string;
  readonly desiredSql: string;
  readonly schemas?: readonly string[] | null;
  readonly options?: Partial<PlanOptions>;
  /** Runs on the current database after `currentSql` (rows to prove they survive). */
  readonly seedSql?: string;
  /** The scratch server to load `desiredSql` on (default: one started for the call, as a command does). */
  readonly host?: ScratchHost;
}

export interface InvariantResult {
  readonly plan: Plan;
  readonly outcome: ApplyPlanOutcome;
  readonly desired: SchemaState;
  readonly after: SchemaState;
  /** Steps of a plan from the migrated database to the desired state (must be none). */
  readonly replan: Plan;
  /** Canonical JSON of both sides, after normalizing fields the invariant does not compare. */
  readonly afterJson: string;
  readonly desiredJson: string;
}

export async function runInvariant(db: TestDatabase, input: InvariantCase): Promise<InvariantResult> {
  const schemas = input.schemas ?? null;
  if (input.currentSql.trim()) await db.query(input.currentSql);
  if (input.seedSql) await db.query(input.seedSql);
  const inspectOptions = schemas ? { schemas } : {};
  const current = await inspect(db.url, inspectOptions);
  const loaded = await loadDesiredState([{ name: "desired.sql", text: input.desiredSql }], {
    targetUrl: db.url,
    ...(input.host ? { host: input.host } : {}),
    ...(schemas ? { schemas } : {}),
  });
  const desired = loaded.state;
  const { renames } = renamesFromHints(loaded.hints, current, desired);
  const plan = planStates(current, desired, {
    renames,
    schemas,
    options: { verify: false, ...input.options },
  });
  await expectHazardsFoundAmongPlanned(plan, current, input.options);
  const client = await db.connect();
  let outcome: ApplyPlanOutcome;
  try {
    outcome = await applyPlan(client, plan);
  } finally {
    await client.end();
  }
  const after = await inspect(db.url, inspectOptions);
  const replan = planStates(after, desired, { schemas, options: { verify: false, ...input.options } });
  return {
    plan,
    outcome,
    desired,
    after,
    replan,
    afterJson: canonicalJson(normalize(after)),
    desiredJson: canonicalJson(normalize(desired)),
  };
}

/**
 * What a saved plan's SQL is judged to carry before apply (engine run/step-hazards.ts) must be among
 * what the planner listed: an unedited plan is never refused for hazards its author did not see.
 */
async function expectHazardsFoundAmongPlanned(
  plan: Plan,
  current: SchemaState,
  options: Partial<PlanOptions> | undefined,
): Promise<void> {
  const found = await statementHazards(plan, current, {
    ...(options?.setNotNullReltuplesHint === undefined
      ? {}
      : { setNotNullReltuplesHint: options.setNotNullReltuplesHint }),
  });
  const planned = new Set(plan.steps.flatMap((step) => step.hazards.map((h) => h.kind)));
  const extra = found.flatMap((hazards, index) =>
    hazards
      .filter((h) => !planned.has(h.kind))
      .map((h) => `step ${index + 1} ${h.kind} (${h.reason}): ${plan.steps[index]?.sql}`),
  );
  if (extra.length > 0)
    throw new Error(`hazards found in the plan's SQL that the planner did not list:\n${extra.join("\n")}`);
}

/**
 * Drops what the invariant does not compare: measurements and server facts, owners (canonicalJson
 * drops them), column positions (attnum has gaps after drops and ALTER … ADD appends, so only the
 * set of columns is compared), the dependency list (derived from the rest), and PG 18's catalogued
 * NOT NULL constraint names (named after the column when created, not renamed with it; the planner
 * manages NOT NULL through the column's `notNull`), and attndims beyond 1 (`int[][]` is `int[]` to
 * PostgreSQL: the declared dimensions are not enforced and ALTER does not keep them).
 */
export function normalize(state: SchemaState): unknown {
  const { stats: _stats, server: _server, managedSchemas: _managed, dependencies: _deps, ...rest } = state;
  return {
    ...rest,
    constraints: Object.fromEntries(
      Object.entries(rest.constraints).filter(([, c]) => c.kind !== "not_null"),
    ),
    tables: Object.fromEntries(
      Object.entries(rest.tables).map(([id, table]) => [
        id,
        {
          ...table,
          columns: [...table.columns]
            .map(({ position: _position, notNullConstraint: _notNull, ...column }) => ({
              ...column,
              type: { ...column.type, arrayDimensions: Math.min(1, column.type.arrayDimensions) },
            }))
            .sort((a, b) => (a.name < b.name ? -1 : 1)),
        },
      ]),
    ),
  };
}

/**
 * The plan as `expected.sql` shows it: each transaction group under a `-- transaction` or
 * `-- autocommit` line, its statements one after the other, groups separated by a blank line.
 */
export function renderExpected(plan: Plan): string {
  return plan.groups
    .map((group) =>
      [
        `-- ${group.transaction === "transactional" ? "transaction" : "autocommit"}`,
        ...group.steps.map((i) => plan.steps[i]!.sql),
      ].join("\n"),
    )
    .join("\n\n");
}

/** The first difference between two canonical JSON strings, for readable failures. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}:\n  migrated: …${a.slice(Math.max(0, i - 120), i + 120)}…\n  desired:  …${b.slice(Math.max(0, i - 120), i + 120)}…`;
}
