import type { DefinitionCollection } from "../model/state.js";

/**
 * The definition kinds (objects/definition) a hint renames, by their noun (the hint's kind, as in
 * `-- @renamed-text-search-configuration`), and their collection: each is renamed in place by the
 * shared `rename_definition` change, through its spec's `renamed` (definition.ts). The kinds left
 * out have no name or no statement to rename them (casts, user mappings, access methods): a hint on
 * one is refused where it is written.
 */
export const DEFINITION_RENAMES = {
  publication: "publications",
  foreign_data_wrapper: "foreignDataWrappers",
  foreign_server: "foreignServers",
  foreign_table: "foreignTables",
  text_search_parser: "textSearchParsers",
  text_search_template: "textSearchTemplates",
  text_search_dictionary: "textSearchDictionaries",
  text_search_configuration: "textSearchConfigurations",
  operator_family: "operatorFamilies",
  operator_class: "operatorClasses",
  operator: "operators",
  conversion: "conversions",
  language: "languages",
  rule: "rules",
} as const satisfies Readonly<Record<string, DefinitionCollection>>;
export type DefinitionRenameKind = keyof typeof DEFINITION_RENAMES;

/** Is this rename kind a definition kind's (renamed by the shared `rename_definition` change)? */
export function isDefinitionRename(kind: RenameableKind): kind is DefinitionRenameKind {
  return kind in DEFINITION_RENAMES;
}

/**
 * Renames are never guessed: they arrive as resolved hints (`-- @renamed from=old`) from the
 * desired-state loader, as pairs of object ids. A table moved to another schema is a table rename
 * whose ids differ in schema (`table:public.users` → `table:app.users`); so is a type (enum, composite,
 * domain, range) moved with `ALTER TYPE … SET SCHEMA`, and so is a view, materialized view, routine or
 * aggregate moved with its own `ALTER … SET SCHEMA`. A `function` rename is a function's or a
 * procedure's (one collection); policies and triggers are renamed within their table.
 */
export const RENAMEABLE_KINDS = [
  "schema",
  "table",
  "column",
  "constraint",
  "index",
  "sequence",
  "type",
  "view",
  "materialized_view",
  "function",
  "aggregate",
  "policy",
  "trigger",
  "statistics",
  "event_trigger",
  ...(Object.keys(DEFINITION_RENAMES) as (keyof typeof DEFINITION_RENAMES)[]),
] as const;
export type RenameableKind = (typeof RENAMEABLE_KINDS)[number];

export interface ObjectRename {
  readonly kind: RenameableKind;
  /** Id of the object in the current state. */
  readonly from: string;
  /** Id of the same object in the desired state. */
  readonly to: string;
}

/**
 * `'in_review', -- @renamed-value from='review'`: an enum label renamed in place (`ALTER TYPE …
 * RENAME VALUE`). `from`/`to` are the type's ids (current/desired); the labels say which value.
 */
export interface EnumValueRename {
  readonly kind: "enum_value";
  readonly from: string;
  readonly to: string;
  readonly fromLabel: string;
  readonly toLabel: string;
}

export type Rename = ObjectRename | EnumValueRename;
