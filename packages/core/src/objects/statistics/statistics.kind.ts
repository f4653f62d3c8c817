import { ids } from "../../model/ids.js";
import { hintedIdentity, type KindSpec, ownId } from "../kind.js";

/** A statistics object lives in its own schema (not necessarily its table's). */
export const statisticsKind: KindSpec<"statistics"> = {
  ids: ownId,
  managed: (statistics, { isManaged }) => isManaged(statistics.schema),
  rename: {
    identity: (statistics, { inSchema, hinted, typeRefs }) => ({
      ...hintedIdentity(statistics, hinted, inSchema, ids.statistics),
      columns: typeRefs.casts(statistics.columns),
    }),
    references: (statistics, mapId) => ({ ...statistics, table: mapId(statistics.table) }),
  },
  fingerprint: "when_present",
  owned: {
    target: (statistics) => ({ kind: "statistics", schema: statistics.schema, name: statistics.name }),
    rank: 10,
  },
  definition: null,
};
