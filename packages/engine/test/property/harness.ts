/**
 * The invariant of one schema pair on a real server (schema-pairs.test.ts runs it under fast-check):
 * load A into a fresh database, plan A→B with the library (`planMigration`, verified on a scratch
 * copy), apply it with every hazard allowed (`applyMigration`), re-inspect: the database equals B
 * loaded into a fresh database of its own, its catalog holds exactly the objects the generator's
 * model says (oracle.ts), and a second plan is empty. Then the same back from B to A on that database
 * (the hints of the way back say what B renamed), compared with A as it was first loaded.
 *
 * The apply is a parameter so that the control test can hand in a broken one and prove the check
 * catches it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  canonicalJson,
  PgFluxError,
  type Plan,
  plan as planStates,
  quoteIdent,
  type SchemaState,
} from "@pg-flux/core";
import { type ApplyResult, applyMigration, planMigration, type ScratchHost } from "@pg-flux/engine";
import { inspect } from "@pg-flux/inspector";
import { createTestDatabase, type TestDatabase } from "@pg-flux/testkit";
import { firstDifference, normalize } from "../conformance/invariant.js";
import type { SchemaPair } from "./generate.js";
import { ROLES } from "./model.js";
import { databaseObjects, objectDifference } from "./oracle.js";

/** Runs a plan on the database (the real one: applyMigration with every hazard allowed). */
export type Applier = (databaseUrl: string, plan: Plan) => Promise<ApplyResult>;

export const applyAllowingHazards: Applier = (databaseUrl, plan) =>
  applyMigration({ databaseUrl, plan, allowHazards: "all" });

/** The generator produced SQL PostgreSQL itself rejects: a defect of the generator, not of pg-flux. */
export class GeneratorError extends Error {}

/** A leg that broke the invariant: the two files that reproduce it and what went wrong. */
export class LegFailure extends Error {
  constructor(
    readonly leg: "A→B" | "B→A",
    readonly currentSql: string,
    readonly desiredSql: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${leg}: ${message}`, options);
  }
}

/** The placeholder roles grants and policies name; created once per server (they are global). */
export async function ensureRoles(db: TestDatabase): Promise<void> {
  for (const role of ROLES) {
    await db.query(
      `DO $$ BEGIN CREATE ROLE ${quoteIdent(role)}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
  }
}

/**
 * Loads SQL in a transaction that is rolled back: throws GeneratorError when PostgreSQL rejects it,
 * or when it makes other objects than `objects` (the generator's model of it) says.
 */
export async function assertLoads(
  db: TestDatabase,
  label: string,
  sql: string,
  objects: readonly string[],
): Promise<void> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query(sql);
    } catch (error) {
      throw new GeneratorError(`${label} does not load: ${(error as Error).message}\n${sql}`);
    }
    const made = await databaseObjects(client);
    if (made.join() !== objects.join())
      throw new GeneratorError(
        `${label} made other objects than its model:\n${objectDifference(objects, made)}\n${sql}`,
      );
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

/** A schema's SQL loaded into a database of its own and read back: what a migration must reach. */
async function loadedAlone(label: string, sql: string): Promise<SchemaState> {
  const db = await createTestDatabase("propb");
  try {
    try {
      await db.query(sql);
    } catch (error) {
      throw new GeneratorError(`${label} does not load: ${(error as Error).message}`);
    }
    return await inspect(db.url);
  } finally {
    await db.drop();
  }
}

async function listObjects(db: TestDatabase): Promise<string[]> {
  const client = await db.connect();
  try {
    return await databaseObjects(client);
  } finally {
    await client.end();
  }
}

export interface LegInput {
  readonly leg: "A→B" | "B→A";
  readonly currentSql: string;
  readonly desiredSql: string;
  /** The desired schema as PostgreSQL holds it when loaded alone (inspected). */
  readonly expected: SchemaState;
  /** The objects the generator's model says the desired schema has (oracle.ts); null: not checked. */
  readonly expectedObjects: readonly string[] | null;
}

/**
 * One leg on a database that holds `currentSql`: plan, apply, then the three checks (equal to the
 * desired schema loaded alone, the catalog's objects, an empty re-plan).
 */
async function migrate(
  db: TestDatabase,
  { host, apply, verify }: Required<Omit<RoundTripOptions, "legs">>,
  input: LegInput,
): Promise<void> {
  const { leg, currentSql, desiredSql } = input;
  const fail = (message: string, cause?: unknown) =>
    new LegFailure(leg, currentSql, desiredSql, message, cause === undefined ? undefined : { cause });
  const sources = [{ name: "desired.sql", text: desiredSql }];
  let plan: Plan;
  let desired: SchemaState;
  try {
    ({ plan, desired } = await timed(`${leg} plan`, () =>
      planMigration({
        databaseUrl: db.url,
        sources,
        scratchHost: host,
        options: { verify },
        onPhase: (phase, ms) => report(`${leg} plan: ${phase}`, ms),
      }),
    ));
  } catch (error) {
    throw fail(`plan failed: ${describeError(error)}${await unverifiedPlan(db, host, desiredSql)}`, error);
  }
  if (process.env.PGFLUX_PROPERTY_VERBOSE === "2")
    console.log(`--- ${leg} (${plan.steps.length} steps)\n${steps(plan)}`);
  const outcome = await timed(`${leg} apply (${plan.steps.length} steps)`, () => apply(db.url, plan));
  if (outcome.status !== "applied" && outcome.status !== "nothing_to_do")
    throw fail(`apply ${outcome.status}: ${outcome.message}\nplan:\n${steps(plan)}`);
  const after = await inspect(db.url);
  const afterJson = canonicalJson(normalize(after));
  const expectedJson = canonicalJson(normalize(input.expected));
  if (afterJson !== expectedJson)
    throw fail(
      `the migrated database differs from the desired schema loaded alone ${firstDifference(afterJson, expectedJson)}\nplan applied:\n${steps(plan)}`,
    );
  const objects = input.expectedObjects && (await listObjects(db));
  if (objects && input.expectedObjects && objects.join() !== input.expectedObjects.join())
    throw fail(
      `the database's catalog lacks or has objects the desired SQL does not:\n${objectDifference(input.expectedObjects, objects)}\nplan applied:\n${steps(plan)}`,
    );
  const replan = planStates(after, desired, { schemas: null, options: { verify: false } });
  if (replan.steps.length > 0)
    throw fail(`re-plan not empty:\n${steps(replan)}\nplan applied:\n${steps(plan)}`);
}

/** The plan without verification, to show which step the scratch copy refused. */
async function unverifiedPlan(db: TestDatabase, host: ScratchHost, desiredSql: string): Promise<string> {
  try {
    const { plan } = await planMigration({
      databaseUrl: db.url,
      sources: [{ name: "desired.sql", text: desiredSql }],
      scratchHost: host,
      options: { verify: false },
    });
    return `\nplan (unverified):\n${steps(plan)}`;
  } catch {
    return "";
  }
}

/**
 * The first leg for a hand-written pair (a known failure's): the error that breaks the invariant, or
 * null when it holds (the catalog oracle is left out: there is no generator model of the pair).
 */
export async function firstLegError(
  currentSql: string,
  desiredSql: string,
  host: ScratchHost,
): Promise<LegFailure | null> {
  const expected = await loadedAlone("desired.sql", desiredSql);
  const db = await createTestDatabase("propkf");
  try {
    await db.query(currentSql);
    const leg = { host, apply: applyAllowingHazards, verify: false };
    await migrate(db, leg, { leg: "A→B", currentSql, desiredSql, expected, expectedObjects: null });
    return null;
  } catch (error) {
    if (error instanceof LegFailure) return error;
    throw error;
  } finally {
    await db.drop();
  }
}

export interface RoundTripOptions {
  readonly host: ScratchHost;
  readonly apply?: Applier;
  /** Verify each plan on a scratch copy before the apply (planMigration's default; slower). */
  readonly verify?: boolean;
  /** "A→B" stops after the first leg (shrinking a first-leg failure need not pay for the second). */
  readonly legs?: "A→B" | "both";
}

/** The invariant for one pair on a fresh database: A→B, then (unless `legs` says not) B→A. */
export async function roundTrip(pair: SchemaPair, options: RoundTripOptions): Promise<void> {
  const leg = {
    host: options.host,
    apply: options.apply ?? applyAllowingHazards,
    verify: options.verify ?? true,
  };
  const expectedB = await timed("B loaded alone", () => loadedAlone("desired.sql", pair.desired));
  const db = await createTestDatabase("prop");
  try {
    try {
      await db.query(pair.current);
    } catch (error) {
      throw new GeneratorError(`current.sql does not load: ${(error as Error).message}`);
    }
    const loaded = await listObjects(db);
    if (loaded.join() !== pair.currentObjects.join())
      throw new GeneratorError(
        `current.sql made other objects than the generator's model:\n${objectDifference(pair.currentObjects, loaded)}`,
      );
    const expectedA = await inspect(db.url);
    await migrate(db, leg, {
      leg: "A→B",
      currentSql: pair.current,
      desiredSql: pair.desired,
      expected: expectedB,
      expectedObjects: pair.desiredObjects,
    });
    if (options.legs === "A→B") return;
    await migrate(db, leg, {
      leg: "B→A",
      currentSql: pair.desired,
      desiredSql: pair.back,
      expected: expectedA,
      expectedObjects: pair.currentObjects,
    });
  } finally {
    await db.drop();
  }
}

/** PGFLUX_PROPERTY_TIMING=1 prints how long each phase of a round trip takes (to size budgets). */
function report(what: string, ms: number): void {
  if (process.env.PGFLUX_PROPERTY_TIMING) console.log(`timing ${what}: ${Math.round(ms)} ms`);
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    report(what, performance.now() - started);
  }
}

function steps(plan: { steps: readonly { sql: string }[] }): string {
  return plan.steps.map((step) => `  ${step.sql.replaceAll("\n", "\n  ")}`).join("\n");
}

function describeError(error: unknown): string {
  if (error instanceof PgFluxError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export interface FailureFiles {
  readonly folder: string;
  readonly current: string;
  readonly desired: string;
  readonly currentSql: string;
  readonly desiredSql: string;
}

/**
 * Writes the failing leg's pair as `a/current.sql` and `b/desired.sql` (plus `error.txt`) in a new
 * folder under PGFLUX_PROPERTY_OUT (default: the system's temporary folder).
 */
export function writeFailure(pair: SchemaPair, error: unknown): FailureFiles {
  const base = process.env.PGFLUX_PROPERTY_OUT ?? tmpdir();
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(join(base, "pgflux-property-"));
  const failed = error instanceof LegFailure ? error : undefined;
  const currentSql = failed?.currentSql ?? pair.current;
  const desiredSql = failed?.desiredSql ?? pair.desired;
  const current = join(folder, "a", "current.sql");
  const desired = join(folder, "b", "desired.sql");
  mkdirSync(join(folder, "a"));
  mkdirSync(join(folder, "b"));
  writeFileSync(current, currentSql);
  writeFileSync(desired, desiredSql);
  const message = error instanceof Error ? error.message : String(error);
  writeFileSync(join(folder, "error.txt"), `${message}\n`);
  return { folder, current, desired, currentSql, desiredSql };
}
