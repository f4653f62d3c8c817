export { renameRole } from "@pg-flux/core";
export {
  DEFAULT_CACHE_DIR,
  DEFAULT_CACHE_MAX_BYTES,
  DesiredCache,
  type DesiredCacheOptions,
} from "./cache/desired-cache.js";
export {
  type DesiredPhase,
  type DesiredState,
  type LoadDesiredStateOptions,
  loadDesiredState,
  type PendingDesired,
  readDesired,
} from "./load-desired-state.js";
export {
  dropStaleScratchDatabases,
  openScratchHost,
  type ScratchDatabase,
  type ScratchHost,
  type ScratchHostOptions,
  type ScratchSite,
  type SiteDescription,
  scratchSite,
  siteOf,
} from "./scratch-host.js";
export {
  createdAt as scratchCreatedAt,
  isStale as isStaleScratch,
  LOADER_PREFIX,
  loaderName,
  SCRATCH_PREFIX,
  scratchName,
} from "./scratch-name.js";
export { serverProblem } from "./server-problem.js";
