export * from "./apply/index.js";
export * from "./codegen/index.js";
export {
  DEFAULT_CACHE_DIR,
  DEFAULT_CACHE_MAX_BYTES,
  DesiredCache,
  type DesiredCacheOptions,
  type DesiredPhase,
  type DesiredState,
  dropStaleScratchDatabases,
  LOADER_PREFIX,
  type LoadDesiredStateOptions,
  loadDesiredState,
  loaderName,
  openScratchHost,
  SCRATCH_PREFIX,
  type ScratchDatabase,
  type ScratchHost,
  type ScratchHostOptions,
  type ScratchSite,
  type SiteDescription,
  scratchName,
  scratchSite,
  siteOf,
} from "./desired/index.js";
export * from "./embedded/binaries.js";
export * from "./embedded/server.js";
export * from "./fleet/index.js";
export * from "./migrate/index.js";
export * from "./run/index.js";
