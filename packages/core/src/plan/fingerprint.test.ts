import { describe, expect, it } from "vitest";
import type { Function as Routine, SchemaState } from "../model/state.js";
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
  unique,
} from "../objects/testing.js";
import {
  canonicalJson,
  fingerprint,
  fnv1a64,
  rememberFingerprint,
  withoutEmptyLateCollections,
} from "./fingerprint.js";

/** FNV-1a 64 as first written (BigInt per byte): the arithmetic the fast version must reproduce. */
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * 0x100000001b3n) & 0xffffffffffffffffn;
    hash = ((hash ^ BigInt(unit >> 8)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The fingerprint as first written: the whole canonical JSON as one string, then hashed. */
function referenceFingerprint(state: SchemaState): string {
  const { server: _server, managedSchemas: _managed, stats: _stats, ...all } = state;
  // collections added later count only when they hold something (see fingerprint)
  const compared = withoutEmptyLateCollections(all);
  const sortedDependencies = [...compared.dependencies].map((d) => `${d.dependent}>${d.referenced}`).sort();
  return `fnv1a64:${referenceFnv1a64(canonicalJson({ ...compared, dependencies: sortedDependencies }))}`;
}

/** A state with the shapes that matter to canonical JSON: nested records and arrays, nulls,
 * `owner` fields, keys and strings that JSON escapes, non-ASCII text, numbers, booleans. */
function sampleState(tableCount: number): SchemaState {
  const tables = [];
  const constraints = [];
  const indexes = [];
  const sequences = [];
  for (let i = 0; i < tableCount; i++) {
    const s = i % 3 === 0 ? "public" : `app_${i % 3}`;
    const name = i % 11 === 0 ? `Tåble "${i}"\n` : `t${i}`;
    tables.push(
      table(
        s,
        name,
        [
          ["id", "bigint", { default: `nextval('${name}_id_seq'::regclass)`, notNull: true }],
          ["code", "character varying(20)", { comment: i % 5 === 0 ? "código — 😀 \\ \u0001" : null }],
          ["amount", "numeric(10,2)"],
          ["parent_id", "bigint"],
        ],
        { options: i % 7 === 0 ? ["fillfactor=70"] : [], owner: `owner_${i}` },
      ),
    );
    sequences.push(sequence(s, `${name}_id_seq`, { ownedBy: `column:${s}.${name}.id` }));
    constraints.push(primaryKey(s, name, `${name}_pkey`, ["id"]));
    if (i % 2 === 0) constraints.push(unique(s, name, `${name}_code_key`, ["code"]));
    if (i % 4 === 0) constraints.push(check(s, name, `${name}_amount_check`, "amount >= 0::numeric"));
    if (i > 0) {
      const parent = tables[i - 1];
      if (parent) constraints.push(foreignKey(s, name, `${name}_parent_fkey`, ["parent_id"], parent, ["id"]));
    }
    indexes.push(
      index(s, name, `${name}_parent_idx`, ["parent_id"], { predicate: i % 3 ? null : "(id > 0)" }),
    );
  }
  return makeState(
    { schemas: [schema("app_1"), schema("app_2")], tables, constraints, indexes, sequences },
    {
      dependencies: tables.map((t, i) => ({ dependent: `view:public.v${i}`, referenced: t.id })).reverse(),
      stats: { "table:public.t0": { reltuples: 10, relpages: 1 } },
    },
  );
}

describe("fnv1a64", () => {
  it("equals the BigInt FNV-1a 64 on ASCII, non-ASCII, surrogate pairs and every byte boundary", () => {
    const texts = [
      "",
      "a",
      "foobar",
      '{"kind":"table","name":"users"}',
      "é",
      "código — 😀",
      "\u0000\u00ff\u0100\uffff\ud800",
      Array.from({ length: 512 }, (_, i) => String.fromCharCode(i * 127)).join(""),
    ];
    for (const text of texts) expect(fnv1a64(text)).toBe(referenceFnv1a64(text));
    expect(fnv1a64("")).toBe("cbf29ce484222325");
  });

  it("equals the BigInt FNV-1a 64 on 2,000 pseudo-random strings", () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      const length = next() % 40;
      const text = Array.from({ length }, () => String.fromCharCode(next() % 0x10000)).join("");
      expect(fnv1a64(text)).toBe(referenceFnv1a64(text));
    }
  });
});

describe("fingerprint", () => {
  it("keeps the values saved plans carry (pinned from the first implementation)", () => {
    expect(fingerprint(makeState({ schemas: [schema("app")] }))).toBe("fnv1a64:40abb7aee8381081");
    // Moves when the model gains a field (constraint `enforced`, column `compression`, `storage`,
    // `statisticsTarget`, `options`, index `columnStatistics`, table `clusterIndex`): a plan saved
    // before then no longer matches the database and is refused as stale, never applied.
    expect(fingerprint(sampleState(30))).toBe("fnv1a64:e36ad38b6124e07f");
  });

  it("equals hashing the canonical JSON as one string, on a 600-table state", () => {
    const state = sampleState(600);
    expect(fingerprint(state)).toBe(referenceFingerprint(state));
  });

  it("hashes a collection added later (collations, statistics) only when it holds something", () => {
    const state = makeState({ schemas: [schema("app")] });
    const collation = {
      kind: "collation" as const,
      id: "collation:app.ci",
      schema: "app",
      name: "ci",
      provider: "icu" as const,
      locale: "und-u-ks-level2",
      lcCollate: null,
      lcCtype: null,
      deterministic: false,
      rules: null,
      owner: "postgres",
      comment: null,
    };
    expect(fingerprint({ ...state, collations: {}, statistics: {} })).toBe("fnv1a64:40abb7aee8381081");
    expect(fingerprint({ ...state, collations: { [collation.id]: collation } })).not.toBe(
      "fnv1a64:40abb7aee8381081",
    );
  });

  it("leaves out a routine's derived fields (argument types, body calls), not its definition", () => {
    const state = (extra: Partial<Routine> & { readonly body?: string }) =>
      makeState({ functions: [routine("public", "f", extra)] });
    const plain = fingerprint(state({}));
    expect(fingerprint(state({ calls: ["function:public.g()"], argumentTypes: "x" }))).toBe(plain);
    expect(fingerprint(state({ body: "SELECT 2" }))).not.toBe(plain);
  });

  it("ignores owners, stats and dependency order, and sees a one-character change", () => {
    const state = sampleState(20);
    const owners = {
      ...state,
      tables: Object.fromEntries(Object.entries(state.tables).map(([id, t]) => [id, { ...t, owner: "x" }])),
      stats: {},
      dependencies: [...state.dependencies].reverse(),
    };
    expect(fingerprint(owners)).toBe(fingerprint(state));
    const [id, first] = Object.entries(state.tables)[0] ?? [];
    if (!id || !first) throw new Error("sampleState has tables");
    const renamed = { ...state, tables: { ...state.tables, [id]: { ...first, comment: "x" } } };
    expect(fingerprint(renamed)).not.toBe(fingerprint(state));
  });

  it("takes a remembered value of its format for a state not yet hashed; ignores anything else", () => {
    const remembered = sampleState(5);
    rememberFingerprint(remembered, "fnv1a64:0123456789abcdef");
    expect(fingerprint(remembered)).toBe("fnv1a64:0123456789abcdef");
    // a value already known stays: what was hashed is never replaced
    rememberFingerprint(remembered, "fnv1a64:fedcba9876543210");
    expect(fingerprint(remembered)).toBe("fnv1a64:0123456789abcdef");
    for (const malformed of [
      undefined,
      null,
      42,
      "",
      "fnv1a64:xyz",
      "sha256:0123456789abcdef",
      "fnv1a64:0123456789ABCDEF",
    ]) {
      const state = sampleState(5);
      rememberFingerprint(state, malformed);
      expect(fingerprint(state)).toBe(referenceFingerprint(state));
    }
  });
});
