import type { TypeNameChange, TypeReferenceRewriter } from "../../diff/type-references.js";
import { ids } from "../../model/ids.js";
import type { DomainType, TypeDefinition } from "../../model/state.js";
import { type KindSpec, noReferences, ownId, type RenameScope } from "../kind.js";

/** What a type's new identity depends on: resolved before the type-name rewriter exists. */
type TypeRenameScope = Pick<RenameScope, "desired" | "inSchema" | "hinted" | "hintedTo">;

/** Enums, composite types, domains and range types: one namespace, one collection. */
export const typeKind: KindSpec<"types"> = {
  ids: ownId,
  managed: (type, { isManaged }) => isManaged(type.schema),
  rename: {
    identity: (type, scope) => renameTypeTypes(movedType(type, scope), scope.typeRefs),
    references: noReferences,
  },
  fingerprint: "always",
  owned: {
    target: (type) => ({
      kind: "type",
      domain: type.kind === "domain",
      schema: type.schema,
      name: type.name,
    }),
    rank: 8,
  },
  definition: null,
};

/**
 * The names a type (and a range's multirange) takes after the renames: a hint on the type wins
 * over its schema's rename. Every use of the type follows them by name (diff/type-references.ts).
 */
export function typeNameChanges(type: TypeDefinition, scope: TypeRenameScope): readonly TypeNameChange[] {
  const moved = movedType(type, scope);
  const changes: TypeNameChange[] = [
    { from: { schema: type.schema, name: type.name }, to: { schema: moved.schema, name: moved.name } },
  ];
  if (type.kind === "range" && moved.kind === "range" && type.multirangeName !== null) {
    changes.push({
      from: { schema: type.schema, name: type.multirangeName },
      to: { schema: moved.schema, name: moved.multirangeName ?? type.multirangeName },
    });
  }
  return changes;
}

function movedType(type: TypeDefinition, scope: TypeRenameScope): TypeDefinition {
  const identity = scope.hinted(type.id) ?? { schema: scope.inSchema(type.schema), name: type.name };
  const hintedTo = scope.hintedTo(type.id);
  const desired = hintedTo === undefined ? undefined : scope.desired.types[hintedTo];
  let moved: TypeDefinition = { ...type, id: ids.type(identity.schema, identity.name), ...identity };
  if (moved.kind === "range" && type.kind === "range" && type.multirangeName !== null) {
    // ALTER TYPE … RENAME / SET SCHEMA leave the multirange behind; rename_type takes it along.
    const multirangeName =
      desired?.kind === "range" && desired.multirangeName !== null
        ? desired.multirangeName
        : type.multirangeName;
    moved = { ...moved, multirangeName };
  }
  if (moved.kind === "domain" && hintedTo !== undefined) {
    moved = { ...moved, checks: renamedDomainChecks(type.name, moved, desired) };
  }
  return moved;
}

/** The types a type's definition names: a domain's base type, attributes, a range's subtype. */
function renameTypeTypes(type: TypeDefinition, refs: TypeReferenceRewriter): TypeDefinition {
  if (refs.empty) return type;
  switch (type.kind) {
    case "enum":
      return type;
    case "composite":
      return {
        ...type,
        attributes: type.attributes.map((attribute) => ({
          ...attribute,
          type: refs.typeText(attribute.type),
        })),
      };
    case "domain":
      return {
        ...type,
        baseType: refs.typeText(type.baseType),
        default: type.default === null ? null : refs.casts(type.default),
        checks: type.checks.map((check) => ({ ...check, expression: refs.casts(check.expression) })),
      };
    case "range":
      return { ...type, subtype: refs.typeText(type.subtype) };
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/**
 * A renamed domain's checks named after it (`old_check`, PostgreSQL's default name) take the new
 * name when the desired domain has that name and not the old one: rename_type renames them.
 */
function renamedDomainChecks(
  oldName: string,
  domain: DomainType,
  desired: TypeDefinition | undefined,
): DomainType["checks"] {
  if (desired?.kind !== "domain" || oldName === domain.name) return domain.checks;
  const desiredNames = new Set(desired.checks.map((check) => check.name));
  const taken = new Set(domain.checks.map((check) => check.name));
  return domain.checks.map((check) => {
    if (!check.name.startsWith(`${oldName}_`) || desiredNames.has(check.name)) return check;
    const name = `${domain.name}${check.name.slice(oldName.length)}`;
    if (!desiredNames.has(name) || taken.has(name)) return check;
    return { ...check, name };
  });
}
