import type { ColumnType } from "../../model/state.js";

/**
 * What an `ALTER COLUMN … TYPE` costs, after the seed's table:
 *
 * | change | free? |
 * |---|---|
 * | varchar(10) → varchar(20), varchar(n) → text/varchar | free (metadata only) |
 * | varchar(20) → varchar(10), text → varchar(n) | rewrite, can fail (narrowing) |
 * | int4 → int8 | rewrite (different storage width) |
 * | int8 → int4 | rewrite, can fail |
 * | timestamp → timestamptz | rewrite |
 * | numeric(p,s) → numeric, numeric(p,s) → numeric(p2≥p,s) | free |
 * | numeric → numeric(p,s), tighter numeric(p,s) | rewrite, can fail |
 *
 * Anything not listed rewrites; it "can fail" (narrowing) unless it is a known widening.
 * `using` is set when no assignment cast is expected (category change, enums, user types).
 */
export interface TypeChangeCost {
  readonly rewrite: boolean;
  /** Rows may not fit the new type: the statement can fail or lose precision. */
  readonly narrowing: boolean;
  /** The USING expression needs an explicit cast; `viaText` casts through text (enum → enum). */
  readonly using: null | { readonly viaText: boolean };
}

const WIDENING = new Set([
  "int2>int4",
  "int2>int8",
  "int4>int8",
  "int2>numeric",
  "int4>numeric",
  "int8>numeric",
  "int2>float8",
  "int4>float8",
  "float4>float8",
  "date>timestamp",
  "date>timestamptz",
  "timestamp>timestamptz",
  "timestamptz>timestamp",
  "varchar>text",
  "bpchar>text",
  "bpchar>varchar",
  "text>varchar",
  "json>jsonb",
]);

/** Types whose typmod only limits values: a larger (or no) limit is free, a smaller one rewrites. */
const LENGTH_LIMITED = new Set(["varchar", "bit", "varbit"]);
const PRECISION_LIMITED = new Set(["timestamp", "timestamptz", "time", "timetz", "interval"]);

export function classifyTypeChange(from: ColumnType, to: ColumnType): TypeChangeCost {
  const free: TypeChangeCost = { rewrite: false, narrowing: false, using: null };
  const rewrite = (narrowing: boolean): TypeChangeCost => ({
    rewrite: true,
    narrowing,
    using: usingFor(from, to),
  });
  if (from.arrayDimensions !== to.arrayDimensions) return rewrite(true);
  if (from.schema === to.schema && from.name === to.name) {
    if (from.typmod === to.typmod) return free;
    if (from.name === "numeric") return numericChange(from.typmod, to.typmod);
    if (LENGTH_LIMITED.has(from.name) || PRECISION_LIMITED.has(from.name)) {
      if (to.typmod === -1 || (from.typmod !== -1 && to.typmod >= from.typmod)) return free;
      return rewrite(true);
    }
    return rewrite(true);
  }
  if (from.name === "varchar" && to.name === "text" && sameCatalog(from, to)) return free;
  if (from.name === "text" && to.name === "varchar" && to.typmod === -1 && sameCatalog(from, to)) return free;
  if (from.name === "varchar" && to.name === "varchar") return free;
  const widening = sameCatalog(from, to) && WIDENING.has(`${from.name}>${to.name}`);
  const keepsLength = !(to.name === "varchar" && to.typmod !== -1);
  return rewrite(!(widening && keepsLength));
}

function sameCatalog(a: ColumnType, b: ColumnType): boolean {
  return a.schema === "pg_catalog" && b.schema === "pg_catalog";
}

/** numeric typmod = ((precision << 16) | scale) + 4; -1 for unconstrained. */
function numericChange(from: number, to: number): TypeChangeCost {
  if (to === -1) return { rewrite: false, narrowing: false, using: null };
  if (from === -1) return { rewrite: true, narrowing: true, using: null };
  const [fp, fs] = [((from - 4) >> 16) & 0xffff, (from - 4) & 0xffff];
  const [tp, ts] = [((to - 4) >> 16) & 0xffff, (to - 4) & 0xffff];
  if (fs === ts && tp >= fp) return { rewrite: false, narrowing: false, using: null };
  const widening = tp - ts >= fp - fs && ts >= fs;
  return { rewrite: true, narrowing: !widening, using: null };
}

function usingFor(from: ColumnType, to: ColumnType): TypeChangeCost["using"] {
  const userType = (t: ColumnType) => t.category === "E" || t.category === "U" || t.category === "C";
  if (userType(to) && to.category === "E") return { viaText: true };
  if (
    userType(from) ||
    userType(to) ||
    from.category !== to.category ||
    from.arrayDimensions !== to.arrayDimensions
  ) {
    return { viaText: from.category === "E" };
  }
  return null;
}
