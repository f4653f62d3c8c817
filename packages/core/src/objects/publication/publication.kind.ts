import { ids } from "../../model/ids.js";
import { quoteIdent } from "../../sql/quote.js";
import { PRIORITY } from "../../step/priorities.js";
import { hazard } from "../../step/step.js";
import { type DefinitionKindSpec, ownId, renamedName } from "../kind.js";
import { type Publication, publicationId } from "./publication.model.js";
import {
  publicationTarget,
  renderAlterPublication,
  renderCreatePublication,
  renderDropPublication,
} from "./publication.render.js";

/**
 * Publications (`CREATE PUBLICATION`): created after their tables, columns and schemas; tables,
 * schemas and options changed in place (`ALTER PUBLICATION … ADD/DROP/SET`), FOR ALL TABLES added
 * or removed by DROP + CREATE. Dropping one, or taking a table out of one, stops logical
 * replication of it: PUBLICATION_DROP. Publications belong to the database: a `--schemas` filter
 * keeps one when one of its tables or schemas is managed (FOR ALL TABLES or an empty one only when
 * every schema is).
 */
export const publicationKind: DefinitionKindSpec<Publication> = {
  ids: ownId,
  managed: (publication, { isManaged, state }) =>
    state.managedSchemas === null ||
    publication.tables.some((table) => isManaged(table.schema)) ||
    publication.schemas.some(isManaged),
  rename: {
    identity: (publication, { tableOf, renamedColumn, inSchema, hinted }) => ({
      ...publication,
      ...named(renamedName(publication.name, publicationId, hinted)),
      tables: publication.tables
        .map((table) => {
          const tableId = ids.table(table.schema, table.name);
          const to = tableOf(tableId) ?? { schema: inSchema(table.schema), name: table.name };
          return {
            ...table,
            schema: to.schema,
            name: to.name,
            columns: table.columns?.map((column) => renamedColumn(tableId, column)) ?? null,
          };
        })
        .sort((a, b) => (a.schema === b.schema ? compare(a.name, b.name) : compare(a.schema, b.schema))),
      schemas: publication.schemas.map(inSchema).sort(compare),
    }),
    references: (publication) => publication,
  },
  fingerprint: "when_present",
  owned: { target: (publication) => ({ kind: "named", sql: publicationTarget(publication) }), rank: 23 },
  definition: {
    id: (publication: Omit<Publication, "id">) => publicationId(publication.name),
    noun: "publication",
    catalogKinds: ["publication"],
    target: publicationTarget,
    create: (publication) => [renderCreatePublication(publication)],
    drop: renderDropPublication,
    alter: renderAlterPublication,
    requires: (publication) => [
      ...publication.schemas.map(ids.schema),
      ...publication.tables.flatMap((table) => [
        ids.table(table.schema, table.name),
        ...(table.columns ?? []).map((column) => ids.column(table.schema, table.name, column)),
      ]),
    ],
    renamed: "rename",
    priority: { create: PRIORITY.CREATE_TRIGGER, drop: PRIORITY.DROP_TRIGGER },
    dropHazards: (publication) => [
      hazard(
        "PUBLICATION_DROP",
        `DROP PUBLICATION ${quoteIdent(publication.name)} stops logical replication of its tables: subscriptions to it fail`,
      ),
    ],
  },
};

const named = (name: string) => ({ id: publicationId(name), name });

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
