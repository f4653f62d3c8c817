import { ids } from "../../model/ids.js";
import { type KindSpec, ownId } from "../kind.js";

/** A policy follows its table: kept with it, moved with it. */
export const policyKind: KindSpec<"policies"> = {
  ids: ownId,
  managed: (policy, { tableKept }) => tableKept(policy.table),
  rename: {
    identity: (policy, { tableOf, inSchema, hinted, typeRefs }) => {
      const table = tableOf(policy.table);
      const schema = table?.schema ?? inSchema(policy.schema);
      const name = hinted(policy.id)?.name ?? policy.name;
      return {
        ...policy,
        schema,
        name,
        id: table ? ids.policy(schema, table.name, name) : policy.id,
        using: policy.using === null ? null : typeRefs.casts(policy.using),
        withCheck: policy.withCheck === null ? null : typeRefs.casts(policy.withCheck),
      };
    },
    references: (policy, mapId) => ({ ...policy, table: mapId(policy.table) }),
  },
  fingerprint: "always",
  owned: null,
  definition: null,
};
