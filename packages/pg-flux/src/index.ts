/**
 * pg-flux: declarative schema diff and safe migrations for PostgreSQL.
 * The public API; everything users import comes from here.
 */
export * from "@pg-flux/core";
export * from "@pg-flux/engine";
