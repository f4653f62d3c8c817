import type { UnmanagedKind } from "../../model/catalog-kinds.js";
import type { Collection, DefinitionCollection } from "../../model/state.js";
import type { KindSpecs } from "../kind.js";
import { COLLECTIONS, KINDS } from "../kinds.js";
import type { DefinitionObject, DefinitionSpec } from "./definition.js";

/** The spec of a definition kind, for code that treats every such kind alike. */
export function definitionSpec(collection: DefinitionCollection): DefinitionSpec<DefinitionObject> {
  // KINDS[C]["definition"] is non-null for a definition collection by KindSpec's type, which
  // TypeScript does not resolve for a union of collections; each spec takes its own model type.
  return (KINDS as KindSpecs)[collection as Collection]
    .definition as unknown as DefinitionSpec<DefinitionObject>;
}

/** The collections of the definition kinds, in registry order. */
export const DEFINITION_COLLECTIONS: readonly DefinitionCollection[] = COLLECTIONS.filter(
  (collection) => KINDS[collection].definition !== null,
) as DefinitionCollection[];

/** The catalog kinds (core `UNMANAGED_KINDS` names) some definition kind manages. */
const MANAGED_CATALOG_KINDS: ReadonlySet<UnmanagedKind> = new Set(
  DEFINITION_COLLECTIONS.flatMap((collection) => definitionSpec(collection).catalogKinds),
);

/**
 * Is this catalog kind managed by a definition kind? The desired state accepts its statements, and
 * live objects of it are in the state instead of the unmanaged list.
 */
export function isManagedKind(kind: UnmanagedKind): boolean {
  return MANAGED_CATALOG_KINDS.has(kind);
}

/** Step kinds that drop a definition kind's object (`drop_operator`, …): core's unmanaged warnings watch them. */
export const DEFINITION_DROP_STEPS: ReadonlySet<string> = new Set(
  DEFINITION_COLLECTIONS.map((collection) => `drop_${definitionSpec(collection).noun}`),
);
