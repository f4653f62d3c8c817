import { readFileSync } from "node:fs";
import path from "node:path";
import { InvalidInputError, type Plan } from "@pg-flux/core";

/**
 * A plan saved by `migrate plan --out plan.json` (and printed by `--format json`), applied later by
 * `migrate apply --plan plan.json`. It carries the schema filter it was made with, so that apply
 * reads the database's fingerprint the same way.
 */
export interface SavedPlan {
  readonly kind: "pg-flux.plan";
  readonly version: 1;
  readonly schemas: readonly string[] | null;
  readonly plan: Plan;
}

export function savedPlan(plan: Plan, schemas: readonly string[] | null): SavedPlan {
  return { kind: "pg-flux.plan", version: 1, schemas, plan };
}

export function serializePlan(saved: SavedPlan): string {
  return `${JSON.stringify(saved, null, 2)}\n`;
}

/** Reads a saved plan; a bare Plan object is accepted too. */
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
  const schemas = Array.isArray(candidate.schemas)
    ? candidate.schemas.filter((s): s is string => typeof s === "string")
    : null;
  return { kind: "pg-flux.plan", version: 1, schemas, plan };
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
