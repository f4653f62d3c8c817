import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import { DEFINITION_RENAMES, type DefinitionRenameKind } from "../../diff/rename.js";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { DefinitionCollection } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { hintedPairs } from "../rename.js";
import type { RenameDefinition } from "./definition.change.js";
import type { DefinitionObject, DefinitionSpec } from "./definition.js";

/** The schema and name of a definition kind's object (database-wide kinds have no schema). */
interface Identity {
  readonly schema?: string;
  readonly name: string;
}

/** An object of the kind with another identity (spread from one of its own). */
const as = (object: DefinitionObject & Identity): DefinitionObject => object;

/** The hint kind (`@renamed-<noun>`) of a definition collection, or null when no hint renames it. */
export function renameKindOf(collection: DefinitionCollection): DefinitionRenameKind | null {
  const found = (Object.entries(DEFINITION_RENAMES) as [DefinitionRenameKind, DefinitionCollection][]).find(
    ([, c]) => c === collection,
  );
  return found ? found[0] : null;
}

/**
 * The `rename_definition` changes of one definition kind: one per hinted rename, dropping the old
 * id and creating the new one, after its schema (or its spec's `renameRequires`) exists. The
 * object keeps its oid, so what uses it (an index naming an operator class, a foreign table on a
 * server, a column default naming a text search configuration) follows untouched.
 */
export function definitionRenames(
  ctx: DiffContext,
  collection: DefinitionCollection,
  spec: DefinitionSpec<DefinitionObject>,
): readonly RenameDefinition[] {
  const kind = renameKindOf(collection);
  if (kind === null) return [];
  const current = ctx.currentAll[collection] as Readonly<Record<string, DefinitionObject>>;
  const desired = ctx.desired[collection] as Readonly<Record<string, DefinitionObject>>;
  return hintedPairs(ctx, kind, current, desired).map(({ rename, from, to }) => {
    const schema = (to as DefinitionObject & Identity).schema;
    return {
      kind: "rename_definition",
      collection,
      objectId: to.id,
      from,
      to,
      deps: deps({
        drops: [rename.from],
        creates: [rename.to],
        requires: spec.renameRequires?.(to) ?? (schema === undefined ? [] : [ids.schema(schema)]),
      }),
    };
  });
}

/**
 * `ALTER <object> SET SCHEMA s;` when the schema changes, then `ALTER <object> RENAME TO n;` when the
 * name does, each naming the object as it is when the statement runs (its `target`: `OPERATOR CLASS
 * app.abs_ops USING btree`, `RULE r ON t`). A kind without a rename statement (an operator's name)
 * is an error: the desired state refuses such hints where they are written, so only a library caller
 * passing renames of its own gets here.
 * https://www.postgresql.org/docs/current/sql-alterpublication.html (and the ALTER page of each kind)
 */
export function renderDefinitionRename(
  spec: DefinitionSpec<DefinitionObject>,
  fromObject: DefinitionObject,
  toObject: DefinitionObject,
): readonly string[] {
  const from = fromObject as DefinitionObject & Identity;
  const to = toObject as DefinitionObject & Identity;
  const mode = spec.renamed;
  if (mode === undefined) {
    throw new PgFluxError(`a ${spec.noun.replaceAll("_", " ")} cannot be renamed: ${spec.target(from)}`, {
      code: "invalid_input",
      objectId: from.id,
    });
  }
  const statements: string[] = [];
  if (mode !== "within_relation" && from.schema !== to.schema && to.schema !== undefined) {
    statements.push(
      `ALTER ${spec.target(as({ ...to, schema: from.schema, name: from.name }))} SET SCHEMA ${quoteIdent(to.schema)};`,
    );
  }
  if (from.name !== to.name) {
    if (mode === "set_schema") {
      throw new PgFluxError(
        `${spec.target(from)} cannot be renamed to ${to.name}: PostgreSQL has no ALTER ${spec.noun.replaceAll("_", " ").toUpperCase()} … RENAME TO, only SET SCHEMA`,
        { code: "invalid_input", objectId: from.id },
      );
    }
    statements.push(`ALTER ${spec.target(as({ ...to, name: from.name }))} RENAME TO ${quoteIdent(to.name)};`);
  }
  return statements;
}
