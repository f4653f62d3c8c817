import { ids } from "../../model/ids.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, ownId } from "../kind.js";
import { type Cast, castId } from "./cast.model.js";
import { castSignature, renderCreateCast, renderDropCast } from "./cast.render.js";

/**
 * Casts (`CREATE CAST`): created after their function and types, dropped before them; PostgreSQL
 * has no ALTER CAST, so a changed one is dropped and created again — refused while a view, default
 * or index uses it. A cast is kept by a `--schemas` filter when one of its types or its function is
 * in a managed schema (one between built-in types only when every schema is managed).
 */
export const castKind: DefinitionKindSpec<Cast> = {
  ids: ownId,
  managed: (cast, { isManaged, state }) =>
    cast.schemas.length === 0 ? state.managedSchemas === null : cast.schemas.some(isManaged),
  rename: {
    identity: (cast, { typeRefs, inSchema }) => {
      const source = typeRefs.names(cast.source);
      const target = typeRefs.names(cast.target);
      return {
        ...cast,
        id: castId(source, target),
        source,
        target,
        function: cast.function === null ? null : typeRefs.names(cast.function),
        schemas: cast.schemas.map(inSchema).sort(),
      };
    },
    references: (cast, mapId) => ({
      ...cast,
      functionId: cast.functionId === null ? null : mapId(cast.functionId),
    }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (cast: Omit<Cast, "id">) => castId(cast.source, cast.target),
    noun: "cast",
    catalogKinds: ["cast"],
    target: (cast) => `CAST ${castSignature(cast)}`,
    create: (cast) => [renderCreateCast(cast)],
    drop: renderDropCast,
    requires: (cast) => [...cast.schemas.map(ids.schema), ...(cast.functionId ? [cast.functionId] : [])],
    priority: { create: PRIORITY.CREATE_FUNCTION, drop: PRIORITY.DROP_FUNCTION },
  },
};
