import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import { tableRef } from "../../diff/lookup.js";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { SchemaState, TypeDefinition } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { domainChecksAfterCreate } from "../domain/domain.checks.js";
import type { ConvertedColumn, RecreateType } from "./type.change.js";

/**
 * The recreate path for a type in place: columns that use it are switched to a copy created under a
 * temporary name, then the old type is dropped and the copy renamed. Columns whose own type changes
 * or that are dropped in the same plan are refused (their order against the recreate is ambiguous).
 */
export function recreate(
  ctx: DiffContext,
  from: TypeDefinition,
  to: TypeDefinition,
  reason: string,
  dataLoss: string | null,
): readonly Change[] {
  refuseNestedUses(ctx, from, reason);
  const columns: ConvertedColumn[] = [];
  const columnIds: string[] = [];
  const tableIds = new Set<string>();
  for (const table of Object.values(ctx.current.tables)) {
    const desiredTable = ctx.desired.tables[table.id];
    for (const column of table.columns) {
      if (!column.isLocal || column.type.schema !== from.schema || column.type.name !== from.name) continue;
      if (!desiredTable) continue; // dropped with its table, before the recreate (dependency)
      const desired = desiredTable.columns.find((c) => c.id === column.id);
      if (!desired) continue; // dropped before the recreate (dependency)
      if (desired.type.text !== column.type.text) {
        throw new PgFluxError(
          `cannot recreate type ${from.schema}.${from.name} (${reason}) while column ${table.name}.${column.name} changes type from ${column.type.text} to ${desired.type.text} in the same plan`,
          {
            code: "refused",
            objectId: column.id,
            hint: "change the column's type in one migration and the type in the next",
          },
        );
      }
      columns.push({
        table: tableRef(table),
        column: column.name,
        arraySuffix: "[]".repeat(arrayDepth(column.type.text)),
        currentDefault: column.default,
        desiredDefault: desired.default,
      });
      columnIds.push(column.id);
      tableIds.add(table.id);
    }
  }
  const change: RecreateType = {
    kind: "recreate_type",
    objectId: to.id,
    type: to,
    currentKind: from.kind,
    tempName: tempName(ctx.current, to),
    columns,
    reason,
    dataLoss: columns.length > 0 ? dataLoss : null,
    deps: deps({
      alters: [to.id, ...columnIds],
      // The columns' ALTER … TYPE resets their storage and compression: set again after.
      creates: columnIds.map((id) => ids.columnType(id)),
      // The type itself: a hinted rename (which creates this id) runs first.
      requires: [ids.schema(to.schema), to.id, ...tableIds, ...referencedTypes(ctx.desiredAll, to)],
    }),
  };
  return [change, ...(to.kind === "domain" ? domainChecksAfterCreate(to) : [])];
}

/**
 * The recreate path converts columns only. A composite type's attribute or a domain's base type
 * that uses the type (and stays) cannot be switched to the copy: ALTER TYPE … ALTER ATTRIBUTE …
 * TYPE is refused while table columns use the composite, and a domain's base type cannot change.
 */
function refuseNestedUses(ctx: DiffContext, from: TypeDefinition, reason: string): void {
  const name = `${quoteIdent(from.schema)}.${quoteIdent(from.name)}`;
  const uses = (text: string) => text.replace(/(\[\])+$/, "") === name;
  for (const other of Object.values(ctx.current.types)) {
    if (other.id === from.id || !ctx.desired.types[other.id]) continue;
    const nested =
      other.kind === "composite"
        ? other.attributes.find((a) => uses(a.type))?.name
        : other.kind === "domain" && uses(other.baseType)
          ? "its base type"
          : undefined;
    if (nested === undefined) continue;
    throw new PgFluxError(
      `cannot recreate type ${from.schema}.${from.name} (${reason}): ${other.kind} ${other.schema}.${other.name} uses it (${other.kind === "composite" ? `attribute ${nested}` : nested}), and PostgreSQL cannot switch that to a new type in place`,
      {
        code: "refused",
        objectId: from.id,
        hint: `write this migration by hand (for example: stop using ${from.schema}.${from.name} in ${other.schema}.${other.name} first), or keep the type's values`,
      },
    );
  }
}

/** `<name>_new`, or `<name>_new2`, … when that name is taken. */
function tempName(state: SchemaState, type: TypeDefinition): string {
  for (let n = 1; ; n++) {
    const name = `${type.name}_new${n === 1 ? "" : n}`;
    if (!state.types[ids.type(type.schema, name)] && !state.tables[ids.table(type.schema, name)]) return name;
  }
}

function arrayDepth(text: string): number {
  let depth = 0;
  for (let rest = text; rest.endsWith("[]"); rest = rest.slice(0, -2)) depth++;
  return depth;
}

/** Ids of user types a type's definition names (a domain's base, attributes, a range's subtype). */
export function referencedTypes(state: SchemaState, type: TypeDefinition): readonly string[] {
  const texts =
    type.kind === "domain"
      ? [type.baseType]
      : type.kind === "composite"
        ? type.attributes.map((a) => a.type)
        : type.kind === "range"
          ? [type.subtype]
          : [];
  const byText = new Map<string, string>();
  for (const other of Object.values(state.types)) {
    byText.set(`${quoteIdent(other.schema)}.${quoteIdent(other.name)}`, other.id);
  }
  const found = new Set<string>();
  for (const text of texts) {
    let base = text;
    while (base.endsWith("[]")) base = base.slice(0, -2);
    const id = byText.get(base);
    if (id && id !== type.id) found.add(id);
  }
  return [...found];
}
