import { type KindSpec, ownId } from "../kind.js";

/** Event triggers belong to the database, not to a schema: never filtered out, never moved. */
export const eventTriggerKind: KindSpec<"eventTriggers"> = {
  ids: ownId,
  managed: () => true,
  rename: {
    identity: (trigger) => trigger,
    references: (trigger, mapId) => ({ ...trigger, function: mapId(trigger.function) }),
  },
  fingerprint: "always",
  owned: { target: (trigger) => ({ kind: "event_trigger", name: trigger.name }), rank: 9 },
  definition: null,
};
