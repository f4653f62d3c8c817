import { type Extension, ids, type Schema } from "@pg-flux/core";
import type { ExtensionRow } from "../queries/extensions.sql.js";
import type { SchemaRow } from "../queries/schemas.sql.js";
import { readPrivileges } from "./privileges.js";

export function readSchema(row: SchemaRow): Schema {
  return {
    kind: "schema",
    id: ids.schema(row.name),
    name: row.name,
    owner: row.owner,
    comment: row.comment,
    privileges: readPrivileges(row.privileges),
  };
}

export function readExtension(row: ExtensionRow): Extension {
  return {
    kind: "extension",
    id: ids.extension(row.name),
    name: row.name,
    schema: row.schema,
    version: row.version,
    relocatable: row.relocatable,
    comment: row.comment,
  };
}
