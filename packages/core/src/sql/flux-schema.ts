import { quoteLiteral } from "./quote.js";

/**
 * The schema of pg-flux's own tables — the push ledger (`flux.flux_migrations`, …) and the fleet
 * outcomes (`flux.fleet_outcomes`): never inspected, never diffed, and not exposed to API roles
 * (USAGE is revoked from PUBLIC). One name for every package that reads or creates it.
 */
export const FLUX_SCHEMA = "flux";

/**
 * The transaction-scoped advisory lock every pg-flux run takes to create or upgrade the `flux`
 * schema and its tables (a first push and a first fleet apply at once cannot race on `create
 * schema if not exists`). Its key text is the ledger's historic one: runs of older versions take
 * the same lock.
 */
export const FLUX_BOOTSTRAP_LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended(${quoteLiteral("pg-flux:ledger-bootstrap")}, 0))`;
