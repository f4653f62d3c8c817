import type { DefinitionRenameKind, SourceLocation } from "@pg-flux/core";

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
  | "statistics"
  | "event_trigger"
  /** Definition kinds (core `DEFINITION_RENAMES`), named by their noun. */
  | DefinitionRenameKind
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
  "@renamed-publication": "publication",
  "@renamed-foreign-data-wrapper": "foreign_data_wrapper",
  "@renamed-server": "foreign_server",
  "@renamed-foreign-server": "foreign_server",
  "@renamed-foreign-table": "foreign_table",
  "@renamed-text-search-parser": "text_search_parser",
  "@renamed-text-search-template": "text_search_template",
  "@renamed-text-search-dictionary": "text_search_dictionary",
  "@renamed-text-search-configuration": "text_search_configuration",
  "@renamed-operator-family": "operator_family",
  "@renamed-operator-class": "operator_class",
  "@renamed-operator": "operator",
  "@renamed-conversion": "conversion",
  "@renamed-language": "language",
  "@renamed-rule": "rule",
  "@renamed-statistics": "statistics",
  "@renamed-event-trigger": "event_trigger",
};

/**
 * The kinds no hint can rename, by the statement that creates them: each has no name of its own or
 * no statement that renames it. A hint on one (`@renamed-cast`, or any hint above or inside its
 * CREATE) is an error with the reason — never a silent drop and create.
 */
export const NOT_RENAMEABLE: Readonly<
  Record<string, { readonly keyword: string; readonly label: string; readonly reason: string }>
> = {
  CreateCastStmt: {
    keyword: "@renamed-cast",
    label: "CREATE CAST",
    reason:
      "a cast has no name (it is identified by its source and target types), so there is nothing to rename",
  },
  CreateUserMappingStmt: {
    keyword: "@renamed-user-mapping",
    label: "CREATE USER MAPPING",
    reason:
      "a user mapping has no name (it is identified by its role and server; it follows its server's rename, @renamed-server)",
  },
  CreateAmStmt: {
    keyword: "@renamed-access-method",
    label: "CREATE ACCESS METHOD",
    reason: "PostgreSQL has no ALTER ACCESS METHOD: an access method cannot be renamed in place",
  },
  CreateTransformStmt: {
    keyword: "@renamed-transform",
    label: "CREATE TRANSFORM",
    reason:
      "a transform has no name (it is identified by its type and language), so there is nothing to rename",
  },
};

/** Hint kinds of objects that belong to the database, not to a schema: `from=` takes a plain name. */
export const DATABASE_WIDE_HINT_KINDS: ReadonlySet<HintKind> = new Set([
  "schema",
  "event_trigger",
  "publication",
  "foreign_data_wrapper",
  "foreign_server",
  "language",
]);
