import { describe, expect, it } from "vitest";
import { ids } from "../model/ids.js";
import type {
  Constraint,
  Dependency,
  Index,
  Function as PgFunction,
  Policy,
  SchemaState,
  Sequence,
  Table,
  Trigger,
  TypeDefinition,
  View,
} from "../model/state.js";
import {
  check,
  foreignKey,
  index,
  makeState,
  primaryKey,
  routine,
  schema,
  sequence,
  table,
  trigger,
  unique,
} from "../objects/testing.js";
import { dependenciesOf } from "./dependencies.js";

/**
 * The straightforward version `dependenciesOf` replaced (a scan of every constraint per foreign
 * key, a scan of the table's columns per column lookup): the generated states below must give
 * exactly its edges, in its order.
 */
function referenceDependenciesOf(state: SchemaState): readonly Dependency[] {
  const ownership = new Set(
    Object.values(state.sequences).flatMap((s) => (s.ownedBy ? [`${s.id}>${s.ownedBy}`] : [])),
  );
  const out: Dependency[] = state.dependencies.filter(
    (d) => !ownership.has(`${d.dependent}>${d.referenced}`),
  );
  const add = (dependent: string, referenced: string) => {
    if (dependent !== referenced) out.push({ dependent, referenced });
  };
  const onSchema = (id: string, schemaName: string) => add(id, ids.schema(schemaName));
  for (const extension of Object.values(state.extensions)) onSchema(extension.id, extension.schema);
  for (const type of Object.values(state.types)) onSchema(type.id, type.schema);
  for (const seq of Object.values(state.sequences)) onSchema(seq.id, seq.schema);
  const sequenceByRegclass = new Map<string, string>();
  for (const seq of Object.values(state.sequences)) {
    sequenceByRegclass.set(`${seq.schema}.${seq.name}`, seq.id);
    if (seq.schema === "public") sequenceByRegclass.set(seq.name, seq.id);
  }
  for (const t of Object.values(state.tables)) {
    onSchema(t.id, t.schema);
    if (t.partitionOf) add(t.id, t.partitionOf.parent);
    for (const parent of t.inherits) add(t.id, parent);
    for (const c of t.columns) {
      add(c.id, t.id);
      const typeId = ids.type(c.type.schema, c.type.name);
      if (state.types[typeId]) add(c.id, typeId);
      if (c.default === null) continue;
      const defaultId = ids.columnDefault(c.id);
      add(defaultId, c.id);
      for (const d of state.dependencies) if (d.dependent === c.id) add(defaultId, d.referenced);
      for (const match of c.default.matchAll(/nextval\('([^']+)'::regclass\)/g)) {
        const seq = sequenceByRegclass.get((match[1] ?? "").replaceAll('"', ""));
        if (seq) {
          add(c.id, seq);
          add(defaultId, seq);
        }
      }
    }
  }
  const columnIdOf = (tableId: string, name: string) =>
    state.tables[tableId]?.columns.find((c) => c.name === name)?.id;
  const onColumns = (id: string, tableId: string, names: readonly string[]) => {
    for (const name of names) {
      const c = columnIdOf(tableId, name);
      if (c) add(id, c);
    }
  };
  for (const constraint of Object.values(state.constraints)) {
    add(constraint.id, constraint.table);
    if ("columns" in constraint) onColumns(constraint.id, constraint.table, constraint.columns);
    if (constraint.kind === "foreign_key")
      onColumns(constraint.id, constraint.referencedTable, constraint.referencedColumns);
    if (constraint.kind === "foreign_key") {
      add(constraint.id, constraint.referencedTable);
      const target = Object.values(state.constraints).find(
        (other) =>
          (other.kind === "primary_key" || other.kind === "unique") &&
          other.table === constraint.referencedTable &&
          other.columns.length === constraint.referencedColumns.length &&
          other.columns.every((value) => constraint.referencedColumns.includes(value)),
      );
      if (target) add(constraint.id, target.id);
    }
  }
  for (const ix of Object.values(state.indexes)) {
    add(ix.id, ix.table);
    onColumns(ix.id, ix.table, [...ix.keys.map((key) => key.expression), ...ix.include]);
    if (ix.constraint) add(ix.constraint, ix.id);
  }
  for (const view of Object.values(state.views)) onSchema(view.id, view.schema);
  for (const view of Object.values(state.materializedViews)) onSchema(view.id, view.schema);
  for (const fn of Object.values(state.functions)) onSchema(fn.id, fn.schema);
  for (const agg of Object.values(state.aggregates)) onSchema(agg.id, agg.schema);
  for (const trigger of Object.values(state.triggers)) {
    add(trigger.id, trigger.table);
    add(trigger.id, trigger.function);
  }
  for (const policy of Object.values(state.policies)) add(policy.id, policy.table);
  for (const trigger of Object.values(state.eventTriggers)) add(trigger.id, trigger.function);
  return out;
}

const enumType = (schemaName: string, name: string): TypeDefinition => ({
  kind: "enum",
  id: ids.type(schemaName, name),
  schema: schemaName,
  name,
  labels: ["a", "b"],
  owner: "postgres",
  comment: null,
  privileges: [],
});

const view = (schemaName: string, name: string): View => ({
  kind: "view",
  id: ids.view(schemaName, name),
  schema: schemaName,
  name,
  definition: " SELECT 1 AS one;",
  columns: ["one"],
  checkOption: null,
  options: [],
  owner: "postgres",
  comment: null,
  columnComments: {},
  privileges: [],
});

const triggerFunction = (schemaName: string, name: string): PgFunction =>
  routine(schemaName, name, { returns: "trigger", language: "plpgsql", privileges: [] });

const policy = (t: Table, name: string): Policy => ({
  kind: "policy",
  id: ids.policy(t.schema, t.name, name),
  schema: t.schema,
  name,
  table: t.id,
  command: "all",
  permissive: true,
  roles: ["public"],
  using: "true",
  withCheck: null,
  comment: null,
});

/**
 * A synthetic state shaped like the bench's schemas, plus the corner cases the lookups must keep:
 * serial defaults (public, qualified, quoted), user-typed columns, PRIMARY KEY and UNIQUE targets of
 * foreign keys (columns listed in another order, composite keys, a PRIMARY KEY and a UNIQUE on the
 * same columns, no matching key, a referenced table missing from the state), duplicate column names,
 * partitions, inheritance, expression and INCLUDE index keys, and catalog dependencies, among them
 * OWNED BY edges that are filtered out.
 */
function generatedState(tableCount: number): SchemaState {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const schemaNames = ["public", ...Array.from({ length: Math.ceil(tableCount / 50) }, (_, i) => `app_${i}`)];
  const tables: Table[] = [];
  const sequences: Sequence[] = [];
  const constraints: Constraint[] = [];
  const indexes: Index[] = [];
  const types = schemaNames.map((s) => enumType(s, "status"));
  const functions = schemaNames.map((s) => triggerFunction(s, "touch"));
  const triggers: Trigger[] = [];
  const policies: Policy[] = [];
  const dependencies: Dependency[] = [];
  for (let i = 0; i < tableCount; i++) {
    const s = schemaNames[i % schemaNames.length] ?? "public";
    const name = i % 17 === 3 ? `T${i}` : `t${i}`;
    const seqName = `${name}_id_seq`;
    const regclass =
      s === "public"
        ? name === name.toLowerCase()
          ? seqName
          : `"${seqName}"`
        : `${s}.${name === name.toLowerCase() ? seqName : `"${seqName}"`}`;
    const parents = i > 0 ? [random(i), random(i)] : [];
    const columns: [string, string, Partial<Table["columns"][number]>?][] = [
      ["id", "bigint", { default: `nextval('${regclass}'::regclass)`, notNull: true }],
      ["code", "text"],
      ["a", "integer"],
      ["b", "integer"],
      [
        "status",
        "text",
        {
          type: {
            text: `${s}.status`,
            schema: s,
            name: "status",
            typmod: -1,
            arrayDimensions: 0,
            category: "E",
            storage: "plain",
          },
        },
      ],
      ...parents.map((_, k): [string, string] => [`parent${k}_id`, "bigint"]),
    ];
    if (i % 41 === 5) columns.push(["code", "integer"]);
    const extra: Partial<Table> = {
      ...(i % 97 === 11 ? { partitionOf: { parent: ids.table("public", "t0"), bound: "DEFAULT" } } : {}),
      ...(i % 89 === 13 ? { inherits: [ids.table("public", "t1"), ids.table(s, "missing")] } : {}),
    };
    const t = table(s, name, columns, extra);
    tables.push(t);
    const ownedBy = ids.column(s, name, "id");
    sequences.push(sequence(s, seqName, { ownedBy }));
    dependencies.push({ dependent: ids.sequence(s, seqName), referenced: ownedBy });
    dependencies.push({ dependent: ownedBy, referenced: ids.sequence(s, seqName) });
    constraints.push(primaryKey(s, name, `${name}_pkey`, ["id"]));
    indexes.push(
      index(s, name, `${name}_pkey`, ["id"], {
        unique: true,
        primary: true,
        constraint: ids.constraint(s, name, `${name}_pkey`),
      }),
    );
    if (i % 3 === 0) constraints.push(unique(s, name, `${name}_code_key`, ["code"]));
    if (i % 5 === 0) constraints.push(unique(s, name, `${name}_a_b_key`, ["a", "b"]));
    if (i % 23 === 0) constraints.push(unique(s, name, `${name}_id_key`, ["id"]));
    if (i % 4 === 0) constraints.push(check(s, name, `${name}_a_check`, "a > 0"));
    parents.forEach((p, k) => {
      const parent = tables[p];
      if (!parent) return;
      const fk = `${name}_parent${k}_fkey`;
      const shape = random(6);
      if (shape === 0) constraints.push(foreignKey(s, name, fk, ["code"], parent, ["code"]));
      else if (shape === 1) constraints.push(foreignKey(s, name, fk, ["b", "a"], parent, ["b", "a"]));
      else if (shape === 2) constraints.push(foreignKey(s, name, fk, ["a", "a"], parent, ["a", "a"]));
      else if (shape === 3)
        constraints.push(foreignKey(s, name, fk, ["id"], { schema: s, name: `gone${i}` }, ["id"]));
      else constraints.push(foreignKey(s, name, fk, [`parent${k}_id`], parent, ["id"]));
      indexes.push(index(s, name, `${name}_parent${k}_idx`, [`parent${k}_id`]));
    });
    if (i % 7 === 0)
      indexes.push(index(s, name, `${name}_lower_idx`, ["lower(code)", "a"], { include: ["b", "nope"] }));
    if (i % 10 === 0)
      triggers.push(trigger(t, `${name}_touch`, (functions[i % functions.length] as PgFunction).id));
    if (i % 13 === 0) policies.push(policy(t, `${name}_policy`));
    if (i % 9 === 0) dependencies.push({ dependent: ids.view(s, `v${i}`), referenced: t.id });
  }
  // a materialized view's index: its table id is not a table, so no column edges
  indexes.push(index("public", "mv", "mv_idx", ["one"], { table: ids.materializedView("public", "mv") }));
  return makeState(
    {
      schemas: schemaNames.filter((s) => s !== "public").map(schema),
      types,
      sequences,
      tables,
      constraints,
      indexes,
      views: schemaNames.map((s) => view(s, "summary")),
      functions,
      triggers,
      policies,
    },
    { dependencies },
  );
}

/** The same state with every collection's entries in a shuffled order (first-match rules matter). */
function shuffled(state: SchemaState): SchemaState {
  let seed = 3;
  const shuffle = <T>(values: readonly T[]): T[] => {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const reorder = <T>(record: Readonly<Record<string, T>>) =>
    Object.fromEntries(shuffle(Object.entries(record)));
  return {
    ...state,
    tables: reorder(state.tables),
    constraints: reorder(state.constraints),
    indexes: reorder(state.indexes),
    sequences: reorder(state.sequences),
  };
}

describe("dependenciesOf", () => {
  it("lists exactly the structural edges of a small state", () => {
    const users = table("public", "users", [
      ["id", "bigint", { default: "nextval('users_id_seq'::regclass)" }],
      ["email", "text"],
    ]);
    const orders = table("app", "orders", [
      ["id", "bigint", { default: "nextval('app.\"Orders_seq\"'::regclass)" }],
      ["user_email", "text"],
    ]);
    const state = makeState(
      {
        schemas: [schema("app")],
        sequences: [
          sequence("public", "users_id_seq", { ownedBy: users.columns[0]?.id ?? null }),
          sequence("app", "Orders_seq"),
        ],
        tables: [users, orders],
        constraints: [
          primaryKey("public", "users", "users_pkey", ["id"]),
          unique("public", "users", "users_email_key", ["email"]),
          foreignKey("app", "orders", "orders_user_fkey", ["user_email"], users, ["email"]),
        ],
        indexes: [
          index("public", "users", "users_email_key", ["email"], {
            unique: true,
            constraint: "constraint:public.users.users_email_key",
          }),
        ],
      },
      {
        dependencies: [
          { dependent: "sequence:public.users_id_seq", referenced: "column:public.users.id" },
          { dependent: "view:public.v", referenced: "table:public.users" },
        ],
      },
    );
    expect(dependenciesOf(state).map((d) => `${d.dependent} > ${d.referenced}`)).toEqual([
      "view:public.v > table:public.users",
      "sequence:app.Orders_seq > schema:app",
      "sequence:public.users_id_seq > schema:public",
      "table:app.orders > schema:app",
      "column:app.orders.id > table:app.orders",
      "default:column:app.orders.id > column:app.orders.id",
      "column:app.orders.id > sequence:app.Orders_seq",
      "default:column:app.orders.id > sequence:app.Orders_seq",
      "column:app.orders.user_email > table:app.orders",
      "table:public.users > schema:public",
      "column:public.users.id > table:public.users",
      "default:column:public.users.id > column:public.users.id",
      "column:public.users.id > sequence:public.users_id_seq",
      "default:column:public.users.id > sequence:public.users_id_seq",
      "column:public.users.email > table:public.users",
      "constraint:app.orders.orders_user_fkey > table:app.orders",
      "constraint:app.orders.orders_user_fkey > column:app.orders.user_email",
      "constraint:app.orders.orders_user_fkey > column:public.users.email",
      "constraint:app.orders.orders_user_fkey > table:public.users",
      "constraint:app.orders.orders_user_fkey > constraint:public.users.users_email_key",
      "constraint:public.users.users_email_key > table:public.users",
      "constraint:public.users.users_email_key > column:public.users.email",
      "constraint:public.users.users_pkey > table:public.users",
      "constraint:public.users.users_pkey > column:public.users.id",
      "index:public.users_email_key > table:public.users",
      "index:public.users_email_key > column:public.users.email",
      "constraint:public.users.users_email_key > index:public.users_email_key",
    ]);
  });

  it("gives the reference's edges, in its order, on a generated 400-table state", () => {
    const state = generatedState(400);
    const expected = referenceDependenciesOf(state);
    expect(expected.length).toBeGreaterThan(10_000);
    expect(dependenciesOf(state)).toEqual(expected);
  });

  it("gives the reference's edges when collections are not in id order", () => {
    const state = shuffled(generatedState(300));
    expect(dependenciesOf(state)).toEqual(referenceDependenciesOf(state));
  });

  it("completes on a 5,000-table state", { timeout: 60_000 }, () => {
    const state = generatedState(5000);
    const edges = dependenciesOf(state);
    const fk = Object.values(state.constraints).find(
      (c) =>
        c.kind === "foreign_key" &&
        c.referencedColumns.join() === "id" &&
        !c.referencedTable.includes("gone"),
    );
    if (fk?.kind !== "foreign_key") throw new Error("the generated state has a foreign key on id");
    const referencedKey = ids.constraint(
      state.tables[fk.referencedTable]?.schema ?? "",
      state.tables[fk.referencedTable]?.name ?? "",
      `${state.tables[fk.referencedTable]?.name}_pkey`,
    );
    expect(edges).toContainEqual({ dependent: fk.id, referenced: referencedKey });
    expect(edges.length).toBeGreaterThan(100_000);
  });
});
