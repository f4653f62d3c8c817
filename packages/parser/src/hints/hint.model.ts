import type { SourceLocation } from "@pg-flux/core";

/** What a rename hint renames. */
export type HintKind =
  | "column"
  | "table"
  | "index"
  | "view"
  | "materialized_view"
  | "sequence"
  | "type"
  | "function"
  | "aggregate"
  | "policy"
  | "trigger"
  | "constraint"
  | "schema"
  | "value"
  /** A role (`--manage-roles`): cluster-wide, resolved against the server's roles, not the schema. */
  | "role";

/** A qualified name as written after `from=`. */
export interface HintName {
  /** Absent when the hint names no schema: the target's schema is meant. */
  readonly schema?: string;
  readonly name: string;
}

/**
 * A `-- @renamed…` hint: the object `targetId` (in the desired state) used to be called `from`.
 * `fromId` is the id the object has in the current database when the rename has not happened yet.
 */
export interface RenameHint {
  readonly kind: HintKind;
  readonly targetId: string;
  readonly fromId: string;
  readonly from: HintName;
  /** Enum value hints: the new label (the old one is `from.name`). */
  readonly value?: string;
  /** Column, constraint, policy and trigger hints: the table they belong to (desired name). */
  readonly table?: { readonly schema: string; readonly name: string };
  readonly location: SourceLocation;
  /** The line the hint is on, for the caret under a problem found later (against the database). */
  readonly sourceLine?: string;
}

/**
 * The hint keywords, as written in a comment, and the kind each names. Bare `@renamed` (null) takes its
 * kind from where it sits: trailing a column or a named table constraint, trailing an enum label, or
 * right after the name of the object a statement creates (sqldef's placement).
 */
export const HINT_KEYWORDS: Readonly<Record<string, HintKind | null>> = {
  "@renamed": null,
  "@renamed-column": "column",
  "@renamed-table": "table",
  "@renamed-index": "index",
  "@renamed-view": "view",
  "@renamed-materialized-view": "materialized_view",
  "@renamed-sequence": "sequence",
  "@renamed-type": "type",
  "@renamed-enum": "type",
  "@renamed-domain": "type",
  "@renamed-function": "function",
  "@renamed-procedure": "function",
  "@renamed-aggregate": "aggregate",
  "@renamed-policy": "policy",
  "@renamed-trigger": "trigger",
  "@renamed-constraint": "constraint",
  "@renamed-schema": "schema",
  "@renamed-value": "value",
  "@renamed-role": "role",
};
