import type { TypeReferenceRewriter } from "../diff/type-references.js";
import type { Collection, DefinitionCollection, SchemaState } from "../model/state.js";
import { quoteIdent, quoteQualified } from "../sql/quote.js";
import type { DefinitionObject, DefinitionSpec } from "./definition/definition.js";
import type { OwnedTarget } from "./owner/owner.change.js";

/** An object of one collection of the model (`Table` for `tables`). */
export type ObjectOf<C extends Collection> = SchemaState[C][string];

interface Named {
  readonly schema: string;
  readonly name: string;
}

/**
 * What every kind's spec says about objects of type `T`, whatever their collection: its ids, how
 * a `--schemas` filter keeps it, how renames move it and how fingerprints hash it.
 */
export interface KindSpecOf<T> {
  /** The ids an object holds, its own first, then its parts' (a table's columns), in a stable order. */
  readonly ids: (object: T) => readonly string[];
  /** Is the object kept when the diff is restricted to the managed schemas (diff/filter.ts)? */
  readonly managed: (object: T, scope: ManagedScope) => boolean;
  /** How the hinted renames move it (diff/apply-renames.ts). */
  readonly rename: {
    /**
     * The object with its identity after the renames: id, schema and name, its parts' (and their
     * ids), and the server's deparsed text that names a renamed type or column.
     */
    readonly identity: (object: T, scope: RenameScope) => T;
    /** The object's references to other objects (ids), once every id's new value is known. */
    readonly references: (object: T, mapId: (id: string) => string) => T;
  };
  /**
   * How fingerprints hash the collection (plan/fingerprint.ts): `always`, or `when_present` for
   * collections the model gained after fingerprints were first saved in plans, hashed only when
   * they hold something so that a state without such objects keeps the value it always had.
   */
  readonly fingerprint: "always" | "when_present";
}

/**
 * What one collection of the model is to the parts of pg-flux that treat every kind alike. The
 * registry (`KINDS` in ./kinds.ts) holds one per collection, so a collection added to the model
 * fails to compile until it says how it is filtered, renamed and fingerprinted: nothing passes
 * through unfiltered or unrenamed by default.
 */
export interface KindSpec<C extends Collection> extends KindSpecOf<ObjectOf<C>> {
  /** For a kind whose objects have an owner, how OWNER TO and GRANT name it; null for the others. */
  readonly owned: C extends OwnedCollection ? OwnedSpec<ObjectOf<C>> : null;
  /**
   * For a kind built on objects/definition (its collection is in `DEFINITION_KINDS`), its SQL,
   * ordering and catalog kinds: the shared differ and step handlers use it. Null for the others.
   */
  readonly definition: C extends DefinitionCollection
    ? ObjectOf<C> extends DefinitionObject
      ? DefinitionSpec<ObjectOf<C>>
      : never
    : null;
}

/**
 * The spec of a kind built on objects/definition, typed by its model `M` rather than by its
 * collection: its line in `DEFINITION_KINDS` (./kinds.ts) is what adds its collection, holding
 * `M`, to the model (`DefinitionModels` in model/state.ts), so the spec cannot name the collection.
 */
export interface DefinitionKindSpec<M extends DefinitionObject> extends KindSpecOf<M> {
  /** When its objects have an owner, how OWNER TO and GRANT name it; null for the others. */
  readonly owned: M extends { readonly owner: string } ? OwnedSpec<M> : null;
  readonly definition: DefinitionSpec<M>;
}

/** The model of each definition kind of a registry of definition kind specs (`DEFINITION_KINDS`). */
export type DefinitionModelsOf<Specs> = {
  readonly [C in keyof Specs]: Specs[C] extends DefinitionKindSpec<infer M> ? M : never;
};

/** The collections whose objects have an owner (an `owner` field): owner and privilege differs walk them. */
export type OwnedCollection = {
  [C in Collection]: ObjectOf<C> extends { readonly owner: string } ? C : never;
}[Collection];

/** How an owned kind is named by ALTER … OWNER TO and GRANT, and where its changes come among the kinds'. */
export interface OwnedSpec<T> {
  readonly target: (object: T) => OwnedTarget;
  /**
   * Owner and grant changes are emitted kind by kind in this order, which breaks ties in the plan:
   * the historic order (schemas 1, tables 2, …); a new kind takes the next number.
   */
  readonly rank: number;
}

/** The registry's type: one spec per collection, each typed by its collection. */
export type KindSpecs = { readonly [C in Collection]: KindSpec<C> };

/** What `managed` may ask (diff/filter.ts). */
export interface ManagedScope {
  readonly isManaged: (schema: string) => boolean;
  /** Is the table with this id in the state and in a managed schema? */
  readonly tableKept: (tableId: string) => boolean;
  /** The whole state being filtered. */
  readonly state: SchemaState;
}

/**
 * The renames every kind follows, resolved once before any object moves (diff/apply-renames.ts):
 * schemas, tables, columns and types, and the hinted renames by the id they start from.
 */
export interface RenameScope {
  /** The current state, as it is before the renames. */
  readonly state: SchemaState;
  readonly desired: SchemaState;
  /** A schema's name after the renames. */
  readonly inSchema: (schema: string) => string;
  /** A table's schema and name after the renames, by its current id. */
  readonly tableOf: (tableId: string) => Named | undefined;
  /** A column's name after the renames, by its current id (undefined when it keeps its name). */
  readonly columnName: (columnId: string) => string | undefined;
  /** A column's name after the renames, by its table's current id and its current name. */
  readonly renamedColumn: (tableId: string, column: string) => string;
  /** The schema and name the hint starting from this id gives; undefined when no hint does. */
  readonly hinted: (id: string) => Named | undefined;
  /** The id the hint starting from this id renames to (in the desired state). */
  readonly hintedTo: (id: string) => string | undefined;
  /** Renamed types, followed in the server's deparsed text. */
  readonly typeRefs: TypeReferenceRewriter;
  /** A type's schema and name after the renames, by its current schema and name. */
  readonly typeOf: (schema: string, name: string) => Named | undefined;
}

/** An object that only follows its schema's rename: new schema, and its id made from it. */
export function reschema<T extends { readonly id: string; readonly schema: string; readonly name: string }>(
  value: T,
  inSchema: (schema: string) => string,
  makeId: (schema: string, name: string) => string,
): T {
  const schema = inSchema(value.schema);
  return schema === value.schema ? value : { ...value, schema, id: makeId(schema, value.name) };
}

/**
 * An object renamed by its own hint (`-- @renamed-view from=…`), else one that only follows its
 * schema's rename: its new schema, name and id.
 */
export function hintedIdentity<
  T extends { readonly id: string; readonly schema: string; readonly name: string },
>(
  value: T,
  hinted: (id: string) => Named | undefined,
  inSchema: (schema: string) => string,
  makeId: (schema: string, name: string) => string,
): T {
  const to = hinted(value.id);
  if (!to) return reschema(value, inSchema, makeId);
  return { ...value, schema: to.schema, name: to.name, id: makeId(to.schema, to.name) };
}

/**
 * A routine's or aggregate's own CREATE text with its new name: the server prints `CREATE OR
 * REPLACE FUNCTION app.f(` (`CREATE AGGREGATE app.total(`) qualified, from the catalog, so after a
 * rename it prints the new one.
 */
export function renamedHeader(definition: string, keyword: string, from: Named, to: Named): string {
  if (from.schema === to.schema && from.name === to.name) return definition;
  const old = ` ${keyword} ${quoteQualified(from.schema, from.name)}(`;
  const at = definition.indexOf(old);
  if (at === -1) return definition;
  return `${definition.slice(0, at)} ${keyword} ${quoteQualified(to.schema, to.name)}(${definition.slice(at + old.length)}`;
}

/**
 * `pg_get_triggerdef` text as the server prints it after the renames: the trigger's new name
 * (`CREATE [CONSTRAINT] TRIGGER name …`) and the new name of the table or view it is on (`… ON
 * schema.table …`, always qualified in the inspector's empty search_path).
 */
export function renamedTrigger(
  definition: string,
  from: Named & { readonly on: Named },
  to: Named & { readonly on: Named },
): string {
  let text = definition;
  const head = /^CREATE (CONSTRAINT )?TRIGGER /.exec(text);
  const old = quoteIdent(from.name);
  if (from.name !== to.name && head && text.startsWith(`${old} `, head[0].length)) {
    text = `${head[0]}${quoteIdent(to.name)}${text.slice(head[0].length + old.length)}`;
  }
  const onFrom = ` ON ${quoteQualified(from.on.schema, from.on.name)} `;
  const onTo = ` ON ${quoteQualified(to.on.schema, to.on.name)} `;
  const at = text.indexOf(onFrom);
  if (onFrom !== onTo && at !== -1) text = `${text.slice(0, at)}${onTo}${text.slice(at + onFrom.length)}`;
  return text;
}

/** `ids` of an object that holds no ids but its own. */
export function ownId(object: { readonly id: string }): readonly string[] {
  return [object.id];
}

/** `references` of an object that references no other object by id. */
export function noReferences<T>(object: T): T {
  return object;
}

/** Tables, sequences, views and materialized views: the model's kind is the target's. */
export function relationTarget(object: {
  readonly kind: "table" | "sequence" | "view" | "materialized_view";
  readonly schema: string;
  readonly name: string;
}): OwnedTarget {
  return { kind: object.kind, schema: object.schema, name: object.name };
}

/** Functions, procedures and aggregates: the model's kind says which. */
export function routineTarget(object: {
  readonly kind: "function" | "procedure" | "aggregate";
  readonly schema: string;
  readonly name: string;
  readonly identityArguments: string;
}): OwnedTarget {
  return {
    kind: "routine",
    routine: object.kind,
    schema: object.schema,
    name: object.name,
    arguments: object.identityArguments,
  };
}

/**
 * A reference by schema and name to an object a hint may rename (a dictionary's template, a
 * class's family, a foreign table's…), its kind's id made by `makeId`: where it is after the
 * renames — the hint's schema and name, else its schema's rename.
 */
export function renamedRef<T extends Named>(
  ref: T,
  makeId: (schema: string, name: string) => string,
  { hinted, inSchema }: Pick<RenameScope, "hinted" | "inSchema">,
): T {
  const to = hinted(makeId(ref.schema, ref.name));
  if (to) return to.schema === ref.schema && to.name === ref.name ? ref : { ...ref, ...to };
  const schema = inSchema(ref.schema);
  return schema === ref.schema ? ref : { ...ref, schema };
}

/** A database-wide object's name after the renames (a publication, a server, a language), by its id. */
export function renamedName(
  name: string,
  makeId: (name: string) => string,
  hinted: RenameScope["hinted"],
): string {
  return hinted(makeId(name))?.name ?? name;
}
