import { type ChangeBase, deps, type TableRef } from "../diff/change-base.js";
import type { DiffContext } from "../diff/context.js";
import { relationRef } from "../diff/lookup.js";
import type { RenameableKind } from "../diff/rename.js";
import { ids } from "../model/ids.js";
import { quoteIdent } from "../sql/quote.js";
import { PRIORITY } from "../step/priorities.js";
import { type StepDraft, txStep } from "../step/step.js";
import { qualifiedName, relationName } from "./sql.js";

/**
 * Renames by hint of the kinds that live in a schema and are renamed by their own ALTER (views,
 * materialized views, routines, aggregates): `ALTER <kind> old SET SCHEMA new_schema;` when the
 * hint's `from` names another schema, then `ALTER <kind> old RENAME TO new;`. The object keeps its
 * oid, so what uses it (a view calling a function, a default calling nextval) follows without being
 * touched. Shared like comment/ and owner/: each kind's change carries this shape under its own
 * `rename_<kind>` discriminant.
 */
export interface Named {
  readonly schema: string;
  readonly name: string;
}

export interface SchemaObjectRename extends ChangeBase {
  readonly from: Named;
  readonly to: Named;
}

/**
 * The hinted renames of one kind, as (current object, desired object) pairs: `from` in the current
 * state as it is (before the renames), `to` in the desired state. An object the plan drops and
 * creates again anyway (the drop-early cascade) is not renamed: it is dropped under its old name
 * ({@link beforeRename}) and created under the new one.
 */
export function hintedPairs<T>(
  ctx: DiffContext,
  kind: RenameableKind,
  current: Readonly<Record<string, T>>,
  desired: Readonly<Record<string, T>>,
): readonly {
  readonly rename: { readonly from: string; readonly to: string };
  readonly from: T;
  readonly to: T;
}[] {
  return ctx.renames.flatMap((rename) => {
    if (rename.kind !== kind || ctx.cascade.recreated.has(rename.to)) return [];
    const from = current[rename.from];
    const to = desired[rename.to];
    return from && to ? [{ rename, from, to }] : [];
  });
}

/**
 * The `rename_<kind>` changes of policies or triggers: renamed within their table (`table`, by its
 * desired name: the table's own rename runs first, since the change requires the desired table).
 */
export function tableObjectRenames<
  K extends string,
  T extends { readonly id: string; readonly name: string; readonly table: string },
>(
  ctx: DiffContext,
  kind: "policy" | "trigger",
  changeKind: K,
  current: Readonly<Record<string, T>>,
  desired: Readonly<Record<string, T>>,
  keep: (object: T) => boolean = () => true,
): readonly (ChangeBase & {
  readonly kind: K;
  readonly table: TableRef;
  readonly from: string;
  readonly to: string;
})[] {
  return hintedPairs(ctx, kind, current, desired).flatMap(({ rename, from, to }) => {
    const table = relationRef(ctx.desiredAll, to.table);
    if (!table || !keep(to)) return [];
    return [
      {
        kind: changeKind,
        objectId: to.id,
        table,
        from: from.name,
        to: to.name,
        deps: deps({ drops: [rename.from], creates: [rename.to], requires: [to.table] }),
      },
    ];
  });
}

/**
 * The current object as it is before the hinted renames (`object` is it with the renames applied):
 * what a drop must name when the rename itself is not planned (see {@link hintedPairs}).
 */
export function beforeRename<T>(
  ctx: DiffContext,
  kind: RenameableKind,
  object: T & { readonly id: string },
  currentAll: Readonly<Record<string, T>>,
): T {
  const rename = ctx.renames.find((r) => r.kind === kind && r.to === object.id);
  return (rename && currentAll[rename.from]) ?? object;
}

/**
 * `ALTER <object> SET SCHEMA s;` then `ALTER <object> RENAME TO n;`, each only when it changes
 * anything. `object` names the object from its rendered name (`VIEW app.v`, `FUNCTION
 * app.f(integer)`); the SET SCHEMA source is always qualified (objects/sql.ts).
 * https://www.postgresql.org/docs/current/sql-alterview.html (and the ALTER page of each kind)
 */
export function renderSchemaObjectRename(
  object: (name: string) => string,
  from: Named,
  to: Named,
): readonly string[] {
  const statements: string[] = [];
  if (from.schema !== to.schema) {
    statements.push(
      `ALTER ${object(qualifiedName(from.schema, from.name))} SET SCHEMA ${quoteIdent(to.schema)};`,
    );
  }
  if (from.name !== to.name) {
    statements.push(`ALTER ${object(relationName(to.schema, from.name))} RENAME TO ${quoteIdent(to.name)};`);
  }
  return statements;
}

/** The steps of a schema object's rename (priority RENAME, in one transaction with the plan's others). */
export function schemaObjectRenameSteps(
  kind: string,
  object: (name: string) => string,
  change: SchemaObjectRename,
): StepDraft[] {
  return renderSchemaObjectRename(object, change.from, change.to).map((sql) =>
    txStep(kind, sql, PRIORITY.RENAME),
  );
}

/**
 * `ALTER POLICY old ON table RENAME TO new;` / `ALTER TRIGGER old ON table RENAME TO new;`: objects
 * named within their table (which the table's own rename, if any, has moved already).
 * https://www.postgresql.org/docs/current/sql-alterpolicy.html
 * https://www.postgresql.org/docs/current/sql-altertrigger.html
 */
export function renderRenameOnTable(
  keyword: "POLICY" | "TRIGGER",
  from: string,
  to: string,
  table: Named,
): string {
  return `ALTER ${keyword} ${quoteIdent(from)} ON ${relationName(table.schema, table.name)} RENAME TO ${quoteIdent(to)};`;
}

/**
 * The `rename_<kind>` changes of a schema object kind: one per hinted rename, dropping the old id,
 * creating the new one, after the target schema exists.
 */
export function schemaObjectRenames<K extends string, T extends Named & { readonly id: string }>(
  ctx: DiffContext,
  kind: RenameableKind,
  changeKind: K,
  current: Readonly<Record<string, T>>,
  desired: Readonly<Record<string, T>>,
): readonly (SchemaObjectRename & { readonly kind: K })[] {
  return hintedPairs(ctx, kind, current, desired).map(({ rename, from, to }) => ({
    kind: changeKind,
    objectId: to.id,
    from: { schema: from.schema, name: from.name },
    to: { schema: to.schema, name: to.name },
    deps: deps({ drops: [rename.from], creates: [rename.to], requires: [ids.schema(to.schema)] }),
  }));
}
