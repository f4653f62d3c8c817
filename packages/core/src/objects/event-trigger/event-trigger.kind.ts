import { ids } from "../../model/ids.js";
import { type KindSpec, ownId, renamedName } from "../kind.js";

/** Event triggers belong to the database, not to a schema: never filtered out, never moved. */
export const eventTriggerKind: KindSpec<"eventTriggers"> = {
  ids: ownId,
  managed: () => true,
  rename: {
    identity: (trigger, { hinted }) => {
      const name = renamedName(trigger.name, ids.eventTrigger, hinted);
      return name === trigger.name ? trigger : { ...trigger, id: ids.eventTrigger(name), name };
    },
    references: (trigger, mapId) => ({ ...trigger, function: mapId(trigger.function) }),
  },
  fingerprint: "always",
  owned: { target: (trigger) => ({ kind: "event_trigger", name: trigger.name }), rank: 9 },
  definition: null,
};
