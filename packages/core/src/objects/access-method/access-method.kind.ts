import { quoteIdent } from "../../sql/quote.js";
import { PRIORITY } from "../../step/priorities.js";
import { type DefinitionKindSpec, ownId } from "../kind.js";
import { inRenamedSchema } from "../text-search-parser/text-search-parser.kind.js";
import { type AccessMethod, accessMethodId } from "./access-method.model.js";
import { renderCreateAccessMethod, renderDropAccessMethod } from "./access-method.render.js";

/**
 * Access methods (`CREATE ACCESS METHOD … TYPE INDEX | TABLE`): created after their handler and
 * before the operator classes, indexes and tables that use them, dropped after those. PostgreSQL
 * has no ALTER for an access method's type or handler, so a changed one is dropped and created
 * again — refused while an operator class, index or table uses it. They belong to the database: a
 * `--schemas` filter keeps them only when every schema is managed. No owner; a comment.
 */
export const accessMethodKind: DefinitionKindSpec<AccessMethod> = {
  ids: ownId,
  managed: (_method, { state }) => state.managedSchemas === null,
  rename: {
    identity: (method, { inSchema }) => ({ ...method, handler: inRenamedSchema(method.handler, inSchema) }),
    references: (method, mapId) => ({
      ...method,
      handlerId: method.handlerId === null ? null : mapId(method.handlerId),
    }),
  },
  fingerprint: "when_present",
  owned: null,
  definition: {
    id: (method) => accessMethodId(method.name),
    noun: "access_method",
    // a table's and a materialized view's `USING am` are parts of them, managed with the method
    catalogKinds: ["access method", "table access method", "materialized view access method"],
    target: (method) => `ACCESS METHOD ${quoteIdent(method.name)}`,
    create: (method) => [renderCreateAccessMethod(method)],
    drop: renderDropAccessMethod,
    requires: (method) => (method.handlerId === null ? [] : [method.handlerId]),
    priority: { create: PRIORITY.CREATE_TYPE, drop: PRIORITY.DROP_TYPE },
  },
};
