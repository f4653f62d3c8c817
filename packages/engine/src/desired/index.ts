export { type DesiredState, type LoadDesiredStateOptions, loadDesiredState } from "./load-desired-state.js";
export { renameRole } from "./role-rename.js";
export {
  dropStaleScratchDatabases,
  openScratchHost,
  type ScratchDatabase,
  type ScratchHost,
  type ScratchHostOptions,
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
