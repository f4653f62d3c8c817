import { ids } from "../../model/ids.js";
import { type KindSpec, ownId, renamedTrigger } from "../kind.js";

/**
 * A trigger moves with its table or view, is renamed by its own hint (`ALTER TRIGGER … RENAME TO`),
 * and follows type renames in its texts.
 */
export const triggerKind: KindSpec<"triggers"> = {
  ids: ownId,
  managed: (trigger, { isManaged, tableKept, state }) =>
    isManaged(trigger.schema) && (state.tables[trigger.table] === undefined || tableKept(trigger.table)),
  rename: {
    identity: (trigger, { tableOf, inSchema, hinted, typeRefs, state }) => {
      // on a table, or on a view (renamed by its own hint, or with its schema)
      const table = state.tables[trigger.table];
      const view = state.views[trigger.table] ?? state.materializedViews[trigger.table];
      const was = table ?? view;
      const on =
        tableOf(trigger.table) ??
        (view ? (hinted(view.id) ?? { schema: inSchema(view.schema), name: view.name }) : undefined);
      const schema = on?.schema ?? inSchema(trigger.schema);
      const name = hinted(trigger.id)?.name ?? trigger.name;
      const definition =
        was && on
          ? renamedTrigger(trigger.definition, { ...trigger, on: was }, { schema, name, on })
          : trigger.definition;
      return {
        ...trigger,
        schema,
        name,
        id: on ? ids.trigger(schema, on.name, name) : trigger.id,
        definition: typeRefs.casts(definition),
        when: trigger.when === null ? null : typeRefs.casts(trigger.when),
      };
    },
    references: (trigger, mapId) => ({
      ...trigger,
      table: mapId(trigger.table),
      function: mapId(trigger.function),
    }),
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};
