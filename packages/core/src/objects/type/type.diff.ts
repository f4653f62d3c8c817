import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { ids } from "../../model/ids.js";
import type { TypeDefinition } from "../../model/state.js";
import type { CommentTarget } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { diffComposite } from "../composite/composite.diff.js";
import { domainChecksAfterCreate } from "../domain/domain.checks.js";
import { diffDomain } from "../domain/domain.diff.js";
import { diffEnum } from "../enum/enum.diff.js";
import { diffRange } from "../range/range.diff.js";
import type { RenameType } from "./type.change.js";
import { recreate, referencedTypes } from "./type.recreate.js";

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

/** Does the plan recreate this type (DROP + CREATE, or the temporary-name path)? Its grants go with it. */
export function typeIsRecreated(ctx: DiffContext, from: TypeDefinition, to: TypeDefinition): boolean {
  return alterType(ctx, from, to).some((change) => change.kind === "recreate_type");
}
