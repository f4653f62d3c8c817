import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Plan } from "@pg-flux/core";
import { InvalidInputError, PgFluxError } from "@pg-flux/core/basics";

/**
 * A plan saved by `migrate plan --out plan.json` (and printed by `--format json`), applied later by
 * `migrate apply --plan plan.json`. It carries the schema filter it was made with, so that apply
 * reads the database's fingerprint the same way, and a digest of both: a file whose content no
 * longer matches its digest was changed after it was saved and is refused. The digest is a check
 * against edits, not a signature (anyone can compute one); apply also judges the steps' SQL against
 * the live database itself rather than trusting the hazards written here (engine run/step-hazards.ts).
 */
export interface SavedPlan {
  readonly kind: "pg-flux.plan";
  readonly version: 2;
  readonly schemas: readonly string[] | null;
  readonly plan: Plan;
  /** `sha256:` over the canonical JSON (sorted keys) of `{ kind, version, schemas, plan }`. */
  readonly digest: string;
}

export function savedPlan(plan: Plan, schemas: readonly string[] | null): SavedPlan {
  const content = { kind: "pg-flux.plan", version: 2, schemas, plan } as const;
  return { ...content, digest: digestOf(content) };
}

/** The digest of a saved plan's content. */
export function digestOf(content: {
  readonly kind: string;
  readonly version: number;
  readonly schemas: unknown;
  readonly plan: unknown;
}): string {
  const { kind, version, schemas, plan } = content;
  return `sha256:${createHash("sha256").update(sortedJson({ kind, version, schemas, plan })).digest("hex")}`;
}

/** JSON with object keys sorted, so that the digest does not depend on how the file was laid out. */
function sortedJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  const record = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`).join(",")}}`;
}

export function serializePlan(saved: SavedPlan): string {
  return `${JSON.stringify(saved, null, 2)}\n`;
}

/**
 * Reads a saved plan. Not JSON or not a plan: invalid input (exit 2). No digest (a bare Plan, a file
 * from before digests) or a digest its content does not match: refused (exit 3).
 */
export function readSavedPlan(cwd: string, file: string): SavedPlan {
  const absolute = path.resolve(cwd, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(absolute, "utf8"));
  } catch (error) {
    throw new InvalidInputError([
      {
        message: `${file}: cannot read the saved plan (${error instanceof Error ? error.message : String(error)})`,
        hint: "save one with pg-flux migrate plan --out plan.json",
      },
    ]);
  }
  const candidate =
    isRecord(json) && json.kind === "pg-flux.plan" ? json : { kind: "pg-flux.plan", plan: json };
  const plan = candidate.plan;
  if (!isPlan(plan)) {
    throw new InvalidInputError([
      { message: `${file}: not a pg-flux plan`, hint: "save one with pg-flux migrate plan --out plan.json" },
    ]);
  }
  const remake = `make a new plan with pg-flux migrate plan --out ${file} and review it`;
  if (typeof candidate.digest !== "string" || candidate.version !== 2) {
    throw new PgFluxError(
      `refusing to apply ${file}: it carries no digest, so pg-flux cannot tell whether it was changed after it was planned (a plan printed or saved by an older pg-flux, or not by pg-flux)`,
      { code: "refused", hint: remake },
    );
  }
  const schemas = candidate.schemas;
  if (!(schemas === null || (Array.isArray(schemas) && schemas.every((s) => typeof s === "string")))) {
    throw new InvalidInputError([{ message: `${file}: schemas must be null or a list of schema names` }]);
  }
  const expected = digestOf({ kind: "pg-flux.plan", version: 2, schemas, plan });
  if (candidate.digest !== expected) {
    throw new PgFluxError(
      `refusing to apply ${file}: its content does not match its digest (the file says ${candidate.digest}, its content hashes to ${expected}): it was changed after pg-flux saved it`,
      { code: "refused", hint: remake },
    );
  }
  return { kind: "pg-flux.plan", version: 2, schemas, plan, digest: expected };
}

function isPlan(value: unknown): value is Plan {
  return (
    isRecord(value) &&
    value.formatVersion === 1 &&
    Array.isArray(value.steps) &&
    Array.isArray(value.groups) &&
    typeof value.currentFingerprint === "string" &&
    typeof value.desiredFingerprint === "string" &&
    isRecord(value.options) &&
    Array.isArray(value.warnings)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
