import type { UnmanagedKind } from "../../model/catalog-kinds.js";
import type { DefinitionCollection } from "../../model/state.js";
import { DEFINITION_KINDS } from "../kinds.js";
import type { DefinitionObject, DefinitionSpec } from "./definition.js";

/** The spec of a definition kind, for code that treats every such kind alike. */
export function definitionSpec(collection: DefinitionCollection): DefinitionSpec<DefinitionObject> {
  // Each spec takes its own model type (DefinitionSpec<Operator>, …); code that treats every
  // definition kind alike hands it that kind's objects only.
  return DEFINITION_KINDS[collection].definition as unknown as DefinitionSpec<DefinitionObject>;
}

/** The collections of the definition kinds, in registry order (`DEFINITION_KINDS`, objects/kinds.ts). */
export const DEFINITION_COLLECTIONS: readonly DefinitionCollection[] = Object.keys(
  DEFINITION_KINDS,
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
