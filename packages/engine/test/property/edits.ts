/**
 * Edits: the one vocabulary the generator builds schemas with. Schema A is a list of edits applied to
 * an empty model (mostly additions), schema B is A plus a few more (additions, drops, changes,
 * renames). An edit holds small numbers that pick its targets modulo what exists ("the 3rd table"),
 * so any list of edits applies to any model, and fast-check shrinks a failing pair by dropping edits
 * and lowering numbers. What each edit does is apply-edit.ts.
 */
import fc from "fast-check";
import { EXTENSION_NAMES, POLICY_COMMANDS, ROLES, TRIGGER_EVENTS } from "./model.js";
import { LABELS, LITERALS, NAME_BASES } from "./names.js";

const n = fc.nat({ max: 999 });
const name = fc.constantFrom(...NAME_BASES);
const typeSeed = fc.record({ pick: n, size: n });
const columnSeed = fc.record({
  name,
  type: typeSeed,
  notNull: fc.boolean(),
  default: fc.option(n, { nil: null }),
});
/** One kind of edit: `kind` plus the values its fields draw. */
function op<K extends string, R extends Record<string, fc.Arbitrary<unknown>>>(
  kind: K,
  fields: R,
): fc.Arbitrary<{ kind: K } & { [P in keyof R]: R[P] extends fc.Arbitrary<infer V> ? V : never }> {
  return fc.record({ kind: fc.constant(kind), ...fields }) as never;
}

/** Edits that create objects (and the cheap settings on them): what schema A is built from. */
const creations = {
  addSchema: op("addSchema", { name }),
  addExtension: op("addExtension", { name: fc.constantFrom(...EXTENSION_NAMES), schema: n }),
  addTable: op("addTable", {
    schema: n,
    name,
    columns: fc.array(columnSeed, { minLength: 1, maxLength: 4 }),
  }),
  addColumn: op("addColumn", { table: n, column: columnSeed }),
  setIdentity: op("setIdentity", { table: n, column: n, mode: fc.nat({ max: 2 }) }),
  addGenerated: op("addGenerated", { table: n, source: n, name, fn: fc.option(n, { nil: null }) }),
  setPrimaryKey: op("setPrimaryKey", {
    table: n,
    columns: fc.array(n, { minLength: 1, maxLength: 2 }),
    named: fc.boolean(),
    name,
  }),
  addUnique: op("addUnique", {
    table: n,
    columns: fc.array(n, { minLength: 1, maxLength: 2 }),
    named: fc.boolean(),
    name,
  }),
  addCheck: op("addCheck", { table: n, column: n, variant: n, name, fn: fc.option(n, { nil: null }) }),
  addForeignKey: op("addForeignKey", { table: n, key: n, name, onDelete: n, deferrable: fc.boolean() }),
  addIndex: op("addIndex", {
    table: n,
    parts: fc.array(
      fc.record({
        column: n,
        expression: fc.constantFrom("column", "expression", "function"),
        descending: fc.boolean(),
        fn: n,
      }),
      { minLength: 1, maxLength: 2 },
    ),
    unique: fc.boolean(),
    partial: fc.option(n, { nil: null }),
    include: fc.option(n, { nil: null }),
    name,
    autoName: fc.boolean(),
    trigram: fc.boolean(),
  }),
  addEnum: op("addEnum", { schema: n, name, labels: fc.subarray([...LABELS]) }),
  addDomain: op("addDomain", {
    schema: n,
    name,
    base: typeSeed,
    notNull: fc.boolean(),
    check: fc.option(fc.record({ name, variant: n }), { nil: null }),
    default: fc.option(n, { nil: null }),
  }),
  addComposite: op("addComposite", {
    schema: n,
    name,
    attributes: fc.array(fc.record({ name, type: typeSeed }), { maxLength: 3 }),
  }),
  addSequence: op("addSequence", {
    schema: n,
    name,
    dataType: fc.constantFrom("smallint", "integer", "bigint"),
    increment: fc.integer({ min: 1, max: 5 }),
    start: fc.constantFrom(1, 10, 100),
    cache: fc.constantFrom(1, 20),
    cycle: fc.boolean(),
  }),
  addView: op("addView", {
    schema: n,
    name,
    from: n,
    columns: fc.array(fc.record({ column: n, alias: name, fn: fc.option(n, { nil: null }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    filtered: fc.boolean(),
    materialized: fc.boolean(),
  }),
  addViewIndex: op("addViewIndex", { view: n, column: n, unique: fc.boolean(), name }),
  addLookalikes: op("addLookalikes", { notNull: fc.boolean() }),
  addFunction: op("addFunction", {
    schema: n,
    name,
    trigger: fc.boolean(),
    addend: fc.nat({ max: 9 }),
    volatility: fc.constantFrom("IMMUTABLE", "STABLE", "VOLATILE"),
    strict: fc.boolean(),
    returns: fc.constantFrom("integer", "bigint"),
  }),
  addTrigger: op("addTrigger", {
    table: n,
    function: n,
    name,
    before: fc.boolean(),
    events: fc.subarray([...TRIGGER_EVENTS], { minLength: 1 }),
    row: fc.boolean(),
    updateOf: fc.option(n, { nil: null }),
  }),
  addPolicy: op("addPolicy", {
    table: n,
    name,
    command: fc.constantFrom(...POLICY_COMMANDS),
    permissive: fc.boolean(),
    roles: fc.subarray([...ROLES]),
    column: fc.option(n, { nil: null }),
    fn: fc.option(n, { nil: null }),
  }),
  setRowSecurity: op("setRowSecurity", { table: n, mode: fc.nat({ max: 3 }) }),
  setOwnedBy: op("setOwnedBy", { sequence: n, column: fc.option(n, { nil: null }) }),
  setComment: op("setComment", { target: n, text: fc.option(fc.constantFrom(...LITERALS), { nil: null }) }),
  setGrant: op("setGrant", { target: n, role: fc.constantFrom(...ROLES), privileges: n }),
  revokeFromPublic: op("revokeFromPublic", { function: n }),
};

/** Edits that change, rename or drop what exists: only B uses them. */
const changes = {
  renameSchema: op("renameSchema", { schema: n, name }),
  dropSchema: op("dropSchema", { schema: n }),
  dropExtension: op("dropExtension", { extension: n }),
  moveExtension: op("moveExtension", { extension: n, schema: n }),
  dropTable: op("dropTable", { table: n }),
  renameTable: op("renameTable", { table: n, name }),
  moveTable: op("moveTable", { table: n, schema: n }),
  dropColumn: op("dropColumn", { table: n, column: n }),
  renameColumn: op("renameColumn", { table: n, column: n, name }),
  changeColumnType: op("changeColumnType", { table: n, column: n, type: typeSeed }),
  toggleNotNull: op("toggleNotNull", { table: n, column: n }),
  setDefault: op("setDefault", { table: n, column: n, default: fc.option(n, { nil: null }) }),
  dropPrimaryKey: op("dropPrimaryKey", { table: n }),
  dropConstraint: op("dropConstraint", { table: n, constraint: n }),
  renameConstraint: op("renameConstraint", { table: n, constraint: n, name }),
  alterConstraint: op("alterConstraint", { table: n, constraint: n, value: n }),
  dropIndex: op("dropIndex", { table: n, index: n }),
  renameIndex: op("renameIndex", { table: n, index: n, name }),
  alterIndex: op("alterIndex", {
    table: n,
    index: n,
    unique: fc.boolean(),
    partial: fc.option(n, { nil: null }),
  }),
  addEnumValue: op("addEnumValue", { type: n, label: fc.constantFrom(...LABELS), position: n }),
  renameEnumValue: op("renameEnumValue", { type: n, value: n, label: fc.constantFrom(...LABELS) }),
  dropEnumValue: op("dropEnumValue", { type: n, value: n }),
  alterDomain: op("alterDomain", { type: n, what: fc.nat({ max: 2 }), value: n, name }),
  alterComposite: op("alterComposite", {
    type: n,
    what: fc.nat({ max: 3 }),
    attribute: n,
    name,
    to: typeSeed,
  }),
  renameType: op("renameType", { type: n, name }),
  dropType: op("dropType", { type: n }),
  alterSequence: op("alterSequence", { sequence: n, what: fc.nat({ max: 4 }), value: n }),
  renameSequence: op("renameSequence", { sequence: n, name }),
  dropSequence: op("dropSequence", { sequence: n }),
  alterView: op("alterView", { view: n, what: fc.nat({ max: 4 }), value: n, name }),
  renameView: op("renameView", { view: n, name }),
  dropView: op("dropView", { view: n }),
  alterFunction: op("alterFunction", { function: n, what: fc.nat({ max: 3 }), value: n }),
  renameFunction: op("renameFunction", { function: n, name }),
  dropFunction: op("dropFunction", { function: n }),
  alterTrigger: op("alterTrigger", {
    table: n,
    trigger: n,
    before: fc.boolean(),
    events: fc.subarray([...TRIGGER_EVENTS], { minLength: 1 }),
  }),
  dropTrigger: op("dropTrigger", { table: n, trigger: n }),
  alterPolicy: op("alterPolicy", {
    table: n,
    policy: n,
    roles: fc.subarray([...ROLES]),
    column: fc.option(n, { nil: null }),
  }),
  dropPolicy: op("dropPolicy", { table: n, policy: n }),
};

type Arbitraries = typeof creations & typeof changes;
export type Edit = {
  [K in keyof Arbitraries]: Arbitraries[K] extends fc.Arbitrary<infer T> ? T : never;
}[keyof Arbitraries];

const weighted = <T>(
  arbitraries: Record<string, fc.Arbitrary<T>>,
  weights: Partial<Record<string, number>> = {},
) =>
  fc.oneof(
    ...Object.entries(arbitraries).map(([kind, arbitrary]) => ({ arbitrary, weight: weights[kind] ?? 1 })),
  );

/** The creations of one phase of A, with their weights. */
const phase = (weights: Partial<Record<keyof typeof creations, number>>) =>
  fc.oneof(
    ...Object.entries(weights).map(([kind, weight]) => ({
      arbitrary: creations[kind as keyof typeof creations] as fc.Arbitrary<Edit>,
      weight: weight ?? 1,
    })),
  );

/**
 * Schema A is built in phases so that what an edit needs usually exists by then: standalone objects,
 * tables, then what hangs on tables (columns, keys, indexes, triggers, policies), views, then
 * comments and grants. Each phase is a list of edits; `size` scales the lists.
 */
export function creationPhases(size: number) {
  const list = (edit: fc.Arbitrary<Edit>, min: number, max: number) =>
    fc.array(edit, { minLength: min, maxLength: Math.max(min, Math.round(max * size)), size: "max" });
  return fc.tuple(
    list(
      phase({
        addSchema: 1,
        addExtension: 1,
        addEnum: 1,
        addDomain: 1,
        addComposite: 1,
        addSequence: 1,
        addFunction: 2,
      }),
      0,
      6,
    ),
    list(phase({ addTable: 30, addLookalikes: 1 }), 1, 4),
    list(
      phase({
        addColumn: 2,
        setIdentity: 1,
        addGenerated: 1,
        setPrimaryKey: 3,
        addUnique: 1,
        addCheck: 1,
        addForeignKey: 3,
        addIndex: 3,
        addTrigger: 1,
        addPolicy: 1,
        setRowSecurity: 1,
        setOwnedBy: 1,
      }),
      0,
      12,
    ),
    list(phase({ addView: 3, addViewIndex: 1 }), 0, 4),
    list(phase({ setComment: 2, setGrant: 2, revokeFromPublic: 1 }), 0, 5),
  );
}

/** A creation in B: like A's, look-alike names rarer (one such edit adds two schemas and four tables). */
const creationEdit: fc.Arbitrary<Edit> = weighted<Edit>(creations, {
  ...Object.fromEntries(Object.keys(creations).map((kind) => [kind, 4])),
  addLookalikes: 1,
});

/** Changes that make dependents move (retypes, renames, drops, recreated routines) come more often. */
const CHANGE_WEIGHTS: Partial<Record<keyof typeof changes, number>> = {
  changeColumnType: 4,
  renameColumn: 3,
  renameTable: 3,
  dropColumn: 3,
  moveTable: 2,
  renameSchema: 2,
  alterFunction: 3,
  dropEnumValue: 2,
  alterView: 3,
  alterDomain: 2,
};

/** An edit that turns A into B: any edit, changes twice as likely as creations. */
export const anyEdit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: creationEdit, weight: 1 },
  { arbitrary: weighted<Edit>(changes, CHANGE_WEIGHTS), weight: 2 },
);
