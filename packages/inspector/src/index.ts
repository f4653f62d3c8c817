export {
  backendPid,
  InterruptedError,
  type Interruptible,
  interruptibleQuery,
  interruptibleSleep,
  TERMINATE_AFTER_MS,
  throwIfInterrupted,
} from "./cancel.js";
export { type Capabilities, capabilitiesFor, MINIMUM_SERVER_VERSION_NUM } from "./capabilities.js";
export {
  APPLICATION_NAME,
  type ConnectionPurpose,
  type ConnectOptions,
  clientConfig,
  connect,
  withConnection,
} from "./connect.js";
export {
  CATALOG_QUERIES,
  INSPECTOR_QUERY_COUNT,
  type InspectOptions,
  type InspectResult,
  inspect,
  inspectEach,
  inspectWithStats,
  readOptions,
} from "./inspect.js";
export {
  DEFAULT_READ_LOCK_TIMEOUT,
  LOCK_NOT_AVAILABLE,
  type LockHolder,
  lockHolders,
  lockWaitError,
  shortQuery,
} from "./lock-wait.js";
export { inspectRoles, normalizeValidUntil } from "./roles.js";
