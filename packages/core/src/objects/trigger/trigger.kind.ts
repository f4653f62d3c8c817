import { ids } from "../../model/ids.js";
import { type KindSpec, ownId } from "../kind.js";

/** A trigger moves with its table (a trigger on a view keeps its id) and follows type renames in its texts. */
export const triggerKind: KindSpec<"triggers"> = {
  ids: ownId,
  managed: (trigger, { isManaged, tableKept, state }) =>
    isManaged(trigger.schema) && (state.tables[trigger.table] === undefined || tableKept(trigger.table)),
  rename: {
    identity: (trigger, { tableOf, inSchema, typeRefs }) => {
      const table = tableOf(trigger.table);
      const schema = table?.schema ?? inSchema(trigger.schema);
      return {
        ...trigger,
        schema,
        id: table ? ids.trigger(schema, table.name, trigger.name) : trigger.id,
        definition: typeRefs.casts(trigger.definition),
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
