import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { tableRef } from "../../diff/lookup.js";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { SchemaState, TypeDefinition } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import type { CommentTarget } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { diffComposite } from "../composite/composite.diff.js";
import { diffDomain, domainChecksAfterCreate } from "../domain/domain.diff.js";
import { diffEnum } from "../enum/enum.diff.js";
import { diffRange } from "../range/range.diff.js";
import type { ConvertedColumn, RecreateType, RenameType } from "./type.change.js";

/**
 * Enums, composite types, domains and ranges: creates, drops, in-place alterations per kind, and the
 * recreate-the-type path where PostgreSQL has no ALTER. Owners and grants: the privilege kinds.
 */
export function diffTypes(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  for (const rename of ctx.renames) {
    if (rename.kind !== "type") continue;
    const change = renameType(ctx, rename.from, rename.to);
    if (change) changes.push(change);
  }
  const { both, dropped, added } = partitionIds(ctx.current.types, ctx.desired.types);
  for (const id of added) changes.push(...createType(ctx, ctx.desired.types[id]!));
  for (const id of dropped) {
    const type = ctx.current.types[id]!;
    changes.push({ kind: "drop_type", objectId: id, type, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.types[id]!;
    const to = ctx.desired.types[id]!;
    changes.push(...alterType(ctx, from, to));
    changes.push(...diffComment(id, typeTarget(to), from.comment, to.comment));
  }
  return changes;
}

/**
 * A hinted type rename. applyRenames gave the current type its new identity (so the differ sees
 * only real changes to it, which follow this one: they require its new id); this change is the SQL
 * that gets the database there.
 */
function renameType(ctx: DiffContext, fromId: string, toId: string): RenameType | null {
  const from = ctx.currentAll.types[fromId];
  const renamed = ctx.current.types[toId];
  const to = ctx.desired.types[toId];
  if (!from || !renamed || !to) return null;
  // A schema renamed by its own hint is renamed first (RENAME_SCHEMA): the type is then found there.
  const schemaRename = ctx.renames.find((r) => r.kind === "schema" && r.from === ids.schema(from.schema));
  const schema = schemaRename ? (ctx.desiredAll.schemas[schemaRename.to]?.name ?? from.schema) : from.schema;
  const multirange =
    from.kind === "range" &&
    renamed.kind === "range" &&
    from.multirangeName !== null &&
    renamed.multirangeName !== null &&
    (from.multirangeName !== renamed.multirangeName || schema !== renamed.schema)
      ? { from: from.multirangeName, to: renamed.multirangeName }
      : null;
  const checks =
    from.kind === "domain" && renamed.kind === "domain"
      ? from.checks.flatMap((check, i) => {
          const name = renamed.checks[i]?.name;
          return name !== undefined && name !== check.name ? [{ from: check.name, to: name }] : [];
        })
      : [];
  return {
    kind: "rename_type",
    objectId: to.id,
    type: { ...from, schema },
    to: { schema: renamed.schema, name: renamed.name },
    multirange,
    checks,
    deps: deps({ drops: [from.id], creates: [to.id], requires: [ids.schema(renamed.schema)] }),
  };
}

export function typeTarget(type: TypeDefinition): CommentTarget {
  return { kind: "type", domain: type.kind === "domain", schema: type.schema, name: type.name };
}

function createType(ctx: DiffContext, type: TypeDefinition): readonly Change[] {
  return [
    {
      kind: "create_type",
      objectId: type.id,
      type,
      deps: deps({
        creates: [type.id],
        requires: [ids.schema(type.schema), ...referencedTypes(ctx.desiredAll, type)],
      }),
    },
    ...(type.kind === "domain" ? domainChecksAfterCreate(type) : []),
    ...diffComment(type.id, typeTarget(type), null, type.comment),
  ];
}

function alterType(ctx: DiffContext, from: TypeDefinition, to: TypeDefinition): readonly Change[] {
  if (from.kind !== to.kind) {
    return recreate(ctx, from, to, `it changes from ${from.kind} to ${to.kind}`, null);
  }
  switch (to.kind) {
    case "enum":
      return from.kind === "enum" ? diffEnum(ctx, from, to) : [];
    case "composite":
      return from.kind === "composite" ? diffComposite(from, to) : [];
    case "domain":
      return from.kind === "domain" ? diffDomain(ctx, from, to) : [];
    case "range":
      return from.kind === "range" ? diffRange(ctx, from, to) : [];
    default: {
      const _exhaustive: never = to;
      return _exhaustive;
    }
  }
}

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

/** Does the plan recreate this type (DROP + CREATE, or the temporary-name path)? Its grants go with it. */
export function typeIsRecreated(ctx: DiffContext, from: TypeDefinition, to: TypeDefinition): boolean {
  return alterType(ctx, from, to).some((change) => change.kind === "recreate_type");
}
