import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, ownId } from "../kind.js";
import { languageId } from "../language/language.model.js";
import { inRenamedSchema } from "../text-search-parser/text-search-parser.kind.js";
import { type Transform, transformId } from "./transform.model.js";
import { renderCreateTransform, renderDropTransform, transformSignature } from "./transform.render.js";

/**
 * Transforms (`CREATE TRANSFORM`): created after their functions, type and language and before the
 * functions declared `TRANSFORM FOR TYPE` on them (pg_depend's edges through pg_transform), dropped
 * after those. PostgreSQL has no ALTER TRANSFORM, but `CREATE OR REPLACE TRANSFORM` changes the
 * functions in place, so a changed transform is never dropped under the functions that use it. A
 * `--schemas` filter keeps one whose type or a function is in a managed schema (one between built-in
 * types and functions only when every schema is managed). No owner; a comment.
 */
export const transformKind: DefinitionKindSpec<Transform> = {
  ids: ownId,
  managed: (transform, { isManaged, state }) =>
    transform.schemas.length === 0 ? state.managedSchemas === null : transform.schemas.some(isManaged),
  rename: {
    identity: (transform, { typeRefs, inSchema }) => {
      const type = typeRefs.names(transform.type);
      return {
        ...transform,
        id: transformId(type, transform.language),
        type,
        fromSql: transform.fromSql === null ? null : inRenamedSchema(transform.fromSql, inSchema),
        toSql: transform.toSql === null ? null : inRenamedSchema(transform.toSql, inSchema),
        schemas: transform.schemas.map(inSchema).sort(),
      };
    },
    references: (transform, mapId) => ({ ...transform, functionIds: transform.functionIds.map(mapId) }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (transform) => transformId(transform.type, transform.language),
    noun: "transform",
    catalogKinds: ["transform"],
    target: (transform) => `TRANSFORM ${transformSignature(transform)}`,
    create: (transform) => [renderCreateTransform(transform)],
    drop: renderDropTransform,
    alter: (_from, to) => [renderCreateTransform(to, true)],
    requires: (transform) => [
      ...transform.schemas.map(ids.schema),
      languageId(transform.language),
      ...transform.functionIds,
    ],
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
