import { ids, PgFluxError, type TypeDefinition } from "@pg-flux/core";
import type { TypeRow } from "../queries/types.sql.js";
import { required } from "./codes.js";
import { readBackForm } from "./expression-form.js";
import { collationText, opclassText } from "./names.js";
import { readPrivileges } from "./privileges.js";

export function readType(row: TypeRow): TypeDefinition {
  const id = ids.type(row.schema, row.name);
  const base = {
    id,
    schema: row.schema,
    name: row.name,
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
  switch (row.typtype) {
    case "e":
      return { ...base, kind: "enum", labels: row.labels ?? [] };
    case "c":
      return {
        ...base,
        kind: "composite",
        attributes: (row.attributes ?? []).map((attribute) => ({
          name: attribute.name,
          type: attribute.type,
          collation: collationText(attribute.collationSchema, attribute.collationName),
        })),
      };
    case "d":
      return {
        ...base,
        kind: "domain",
        baseType: required(row.baseType, "base type", id),
        default: row.default === null ? null : readBackForm(row.default, "plain"),
        notNull: row.notNull,
        collation: collationText(row.collationSchema, row.collationName),
        checks: (row.checks ?? []).map((check) => ({
          ...check,
          expression: readBackForm(check.expression, "plain"),
        })),
      };
    case "r":
      return {
        ...base,
        kind: "range",
        subtype: required(row.subtype, "range subtype", id),
        subtypeOpclass:
          row.subtypeOpclassSchema === null || row.subtypeOpclassName === null
            ? null
            : opclassText(row.subtypeOpclassSchema, row.subtypeOpclassName),
        collation: collationText(row.collationSchema, row.collationName),
        canonical: row.canonical,
        subtypeDiff: row.subtypeDiff,
        multirangeName: row.multirangeName,
      };
    default:
      throw new PgFluxError(`unexpected typtype '${row.typtype}' for ${id}`, {
        code: "runtime",
        objectId: id,
      });
  }
}
