import {
  objectIds,
  PgFluxError,
  type Plan,
  type PlanTouches,
  plan as planStates,
  restrictState,
  type SchemaState,
  type Step,
  type TouchedClosure,
  touchedClosure,
} from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";
import type pg from "pg";
import { enterPlanSession } from "../apply/session.js";
import { type ScratchHost, withClient } from "../desired/scratch-host.js";
import { failureText } from "../run/failure.js";
import { runPlan } from "../run/runner.js";

export interface VerifyInput {
  readonly host: ScratchHost;
  readonly current: SchemaState;
  readonly desired: SchemaState;
  readonly plan: Plan;
  readonly schemas: readonly string[] | null;
  /**
   * The ids the plan's changes declare (core `planWithTouches`): only the part of the current schema
   * they touch is copied. Without them the whole current schema is.
   */
  readonly touches?: PlanTouches | undefined;
}

/** What verification copied and proved. */
export interface VerifyReport {
  /** `touched`: the objects the plan touches (core `touchedClosure`); `full`: the whole current schema. */
  readonly copy: "touched" | "full";
  /** Objects of the current schema copied (whole objects: a table with its columns is one). */
  readonly copied: number;
  /** Objects of the current schema. */
  readonly total: number;
  /** One line for the plan's output when the copy was the whole schema for a reason worth telling; else null. */
  readonly note: string | null;
}

/**
 * Proves a plan before anyone runs it: a scratch copy of the part of the current schema the plan
 * touches (core `touchedClosure`: what it changes, what depends on that, and what all of those
 * need) gets the plan applied by the same runner as production, is read back, and is compared
 * with the same part of the desired state. Whatever is left is a planner bug: the plan is refused
 * with the residual changes listed. Without data, so it checks the statements, not the rows.
 *
 * The whole current schema is copied instead when the plan's declarations are not given or name
 * an id neither state holds (the report's `note` says why), and when the touched part fails: that
 * failure is confirmed on the whole schema before the plan is refused, so a closure that missed
 * something never refuses a sound plan (the note then names what the touched copy reported).
 */
export async function verifyPlan(input: VerifyInput): Promise<VerifyReport> {
  if (input.plan.steps.length === 0) {
    return { copy: "touched", copied: 0, total: objectIds(input.current).size, note: null };
  }
  const closure = closureOf(input);
  if (closure.kind === "full") return verifyWhole(input, closure.reason);
  try {
    return await verifySubset(input, closure.ids);
  } catch (error) {
    // only what the copy proved: an interrupted or unreachable scratch server is not retried
    if (!refusals.has(error as object)) throw error;
    const first = messageOf(error).split("\n")[0];
    return verifyWhole(
      input,
      `the copy of the objects it touches reported what the whole schema does not (a pg-flux bug, please report it): ${first}`,
    );
  }
}

/**
 * Verification on a copy of the part of the current schema the plan touches, with no second try
 * on the whole schema as verifyPlan makes when that fails: how tests prove that the touched part
 * alone catches what the target would refuse. The whole schema is copied only when the closure
 * cannot be computed (the report says why).
 */
export async function verifyTouched(input: VerifyInput): Promise<VerifyReport> {
  const closure = closureOf(input);
  return closure.kind === "full" ? verifyWhole(input, closure.reason) : verifySubset(input, closure.ids);
}

function closureOf(input: VerifyInput): TouchedClosure {
  return input.touches
    ? touchedClosure(input.current, input.desired, input.touches)
    : { kind: "full", reason: "the plan's declared ids are not known" };
}

/** Verification on a copy of the whole current schema, `reason` said in the report's note. */
async function verifyWhole(input: VerifyInput, reason: string): Promise<VerifyReport> {
  const copy = startScratchCopy(input.host, input.current, input.schemas);
  await copy.verify(input.plan, input.desired);
  const total = objectIds(input.current).size;
  return {
    copy: "full",
    copied: total,
    total,
    note: `plan verified on a copy of the whole schema: ${reason}`,
  };
}

/**
 * The plan applied to a copy of the objects `ids` names, compared with the desired state's same
 * objects. What the copy holds afterwards is compared where it is in `ids` or in neither state: an
 * object the plan made that nobody asked for is reported as on the whole copy.
 */
async function verifySubset(input: VerifyInput, ids: ReadonlySet<string>): Promise<VerifyReport> {
  const source = restrictState(input.current, ids);
  const copied = objectIds(source).size;
  const known = new Set([...objectIds(input.current), ...objectIds(input.desired)]);
  const copy = startScratchCopy(input.host, source, input.schemas);
  await copy.verify(input.plan, restrictState(input.desired, ids), (after) => {
    const kept = new Set(ids);
    for (const id of objectIds(after)) if (!known.has(id)) kept.add(id);
    return restrictState(after, kept);
  });
  return { copy: "touched", copied, total: objectIds(input.current).size, note: null };
}

/** A scratch copy of the current schema, built in the background (see startScratchCopy). */
export interface ScratchCopy {
  /**
   * Waits for the copy, applies `plan` to it and checks that it reaches `desired` (what is read back
   * passed through `compared` first); drops the copy.
   */
  verify(plan: Plan, desired: SchemaState, compared?: (after: SchemaState) => SchemaState): Promise<void>;
  /** Drops the copy, finished or not (its building connection is terminated). Safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Starts building the scratch copy that verification applies the plan to. It needs only the
 * current state, so planMigration starts it as soon as the live database is read and it is built
 * while the desired files are parsed and loaded: two databases of the same scratch server working
 * at once instead of one after the other.
 *
 * The copy keeps the current owners even when the plan leaves owners alone: privileges are compared
 * without the owner's own (PostgreSQL folds a grant to the owner into the owner's rights), so a copy
 * owned by whoever runs the check would lose `GRANT … TO <role>` wherever that role is not the owner
 * live, and report it as left over (supabase's `GRANT USAGE ON SCHEMA storage TO postgres`). The
 * host makes the owners and grantees usable (NOLOGIN placeholders on the embedded server; on a
 * shadow server, the existing harmless ones, with the target's role standing for the loader); an
 * owner the checking role may not hand objects to stays unchanged and is named if anything is left over.
 * On a shadow server everything here runs as the host's throwaway loader role, the plan included;
 * on the embedded server the plan runs as the target's role (`beginLoad`, as the desired load does),
 * so the objects it creates get that role's default privileges, as they will on the target.
 */
export function startScratchCopy(
  host: ScratchHost,
  current: SchemaState,
  schemas: readonly string[] | null,
): ScratchCopy {
  const scope = schemas ? { schemas } : {};
  const source = host.toScratch(current);
  let discarded = false;
  const database = host.createDatabase();
  const built = database.then(async (db) => {
    if (discarded) throw new Error("discarded");
    // From what a new database already holds (public, plpgsql), not from nothing.
    const baseline = await inspect(db.url, scope);
    const copy = planStates(baseline, source, { schemas, options: { verify: false, manageOwners: true } });
    await host.provideRoles(rolesOf(source));
    return withClient(db.url, async (client) => {
      await enterPlanSession(client);
      // a throwaway database: its commits need not wait for the WAL flush
      await client.query("set synchronous_commit = off");
      return buildCopy(client, copy);
    });
  });
  // a copy that fails while nobody waits for it yet is reported by verify(), or dropped by discard()
  built.catch(() => undefined);
  let dropped: Promise<void> | undefined;
  const discard = (): Promise<void> => {
    discarded = true;
    dropped ??= database.then(
      (db) => db.drop().catch(() => undefined),
      () => undefined,
    );
    return dropped.then(() =>
      built.then(
        () => undefined,
        () => undefined,
      ),
    );
  };
  return {
    async verify(plan, desired, compared = (after) => after) {
      try {
        const unowned = await built;
        const db = await database;
        await withClient(db.url, async (client) => {
          await enterPlanSession(client);
          await client.query("set synchronous_commit = off");
          // as the role the plan will run as: the objects it creates get that role's default privileges
          await host.beginLoad(client);
          const outcome = await runPlan(client, plan, { limits: { lockRetries: 0 } });
          if (outcome.status === "failed") {
            const { failure } = outcome;
            throw verificationError(
              `step ${failure.stepIndex + 1} failed on the scratch copy: ${failureText(failure)}`,
              failure.step.sql,
              null,
            );
          }
        });
        const after = compared(host.toTarget(await inspect(db.url, scope)));
        const residual = planStates(after, desired, { schemas });
        if (residual.steps.length > 0) throw residualError(residual.steps, unowned);
      } finally {
        await discard();
      }
    },
    discard,
  };
}

function residualError(residual: readonly Step[], unowned: readonly Step[]): PgFluxError {
  const listed = residual.map((step) => `  ${step.sql}`).join("\n");
  const owners =
    unowned.length === 0
      ? ""
      : `\n(the copy could not take these owners, which may explain grants left over:\n${unowned.map((step) => `  ${step.sql}`).join("\n")})`;
  return verificationError(
    `the plan does not reach the desired schema: after applying it to a scratch copy, ${residual.length} change${residual.length === 1 ? " remains" : "s remain"}:\n${listed}${owners}`,
    undefined,
    null,
  );
}

/**
 * Runs the plan that builds the scratch copy, one round trip per transaction group (a multi-statement
 * query runs as one implicit transaction; an autocommit step is a group of its own): a schema of
 * thousands of objects would otherwise cost thousands of commits. When a group fails it rolled back
 * whole, so its statements are run again one by one: the one that fails is named, except an
 * ownership change the checking role is not allowed, which is skipped and returned.
 */
async function buildCopy(client: pg.ClientBase, copy: Plan): Promise<Step[]> {
  const unowned: Step[] = [];
  for (const group of copy.groups) {
    const steps = group.steps.map((index) => copy.steps[index] as Step);
    try {
      await client.query(steps.map((step) => step.sql).join("\n;\n"));
      continue;
    } catch (error) {
      if (steps.length === 1 && steps[0]?.kind !== "alter_owner") throw copyError(steps[0] as Step, error);
    }
    for (const step of steps) {
      try {
        await client.query(step.sql);
      } catch (error) {
        if (step.kind !== "alter_owner") throw copyError(step, error);
        unowned.push(step);
      }
    }
    if (unowned.length === 0)
      throw verificationError(
        "could not build the scratch copy of the current schema: a transaction of its plan failed as a whole, each statement alone did not",
        undefined,
        null,
      );
  }
  return unowned;
}

/** Every role the state names: owners, grantees, policy roles, default privileges' roles (PUBLIC aside). */
export function rolesOf(state: SchemaState): string[] {
  const roles = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "string") {
      if (key === "owner" || key === "grantee" || key === "roles" || key === "role") roles.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value !== null && typeof value === "object") {
      for (const [field, inner] of Object.entries(value)) visit(inner, field);
    }
  };
  visit(state, "");
  for (const pseudo of ["public", "PUBLIC"]) roles.delete(pseudo);
  return [...roles].sort();
}

function copyError(step: Step, error: unknown): PgFluxError {
  return verificationError(
    `could not build the scratch copy of the current schema: ${messageOf(error)}`,
    step.sql,
    error,
  );
}

/** The errors by which a copy refused the plan (verificationError's), as opposed to failures to run the check. */
const refusals = new WeakSet<object>();

function verificationError(message: string, sql: string | undefined, cause: unknown): PgFluxError {
  const error = new PgFluxError(`plan verification failed: ${message}`, {
    code: "runtime",
    ...(sql ? { sql } : {}),
    ...(cause ? { cause } : {}),
    hint: "this is a pg-flux bug; please report it with the schemas. --no-verify skips the check",
  });
  refusals.add(error);
  return error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
