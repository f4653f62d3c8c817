/**
 * What the connected server's catalog offers, decided once from `server_version_num`. Queries are
 * built from these flags, so a column that a version lacks is never named in its SQL.
 */
export interface Capabilities {
  readonly serverVersionNum: number;
  readonly major: number;
  /** PG 15: `pg_index.indnullsnotdistinct` (UNIQUE NULLS NOT DISTINCT). */
  readonly nullsNotDistinct: boolean;
  /** PG 18: NOT NULL constraints in `pg_constraint` with `contype = 'n'`, with names. */
  readonly notNullConstraints: boolean;
  /** PG 18: `pg_constraint.conenforced` (CHECK / FOREIGN KEY … NOT ENFORCED). */
  readonly enforcedConstraints: boolean;
  /**
   * Where an ICU/builtin collation keeps its locale: `colllocale` (PG 17), `colliculocale` (PG 15–16),
   * none before 15 (ICU collations put it in `collcollate`).
   */
  readonly collationLocaleColumn: "colllocale" | "colliculocale" | null;
  /** PG 16: `pg_collation.collicurules`. */
  readonly collationRules: boolean;
  /** PG 18: virtual generated columns (`attgenerated = 'v'`). */
  readonly virtualGeneratedColumns: boolean;
  /**
   * PG 14 and earlier mark the trigger a partition inherits from its parent `tgisinternal`; PG 15+
   * does not. Either way `tgparentid` names the parent trigger.
   */
  readonly clonedTriggersAreInternal: boolean;
  /** PG 15: publications' column lists and row filters (`pg_publication_rel.prattrs`, `prqual`) and `FOR TABLES IN SCHEMA`. */
  readonly publicationFilters: boolean;
  /** PG 18: `pg_publication.pubgencols` (`publish_generated_columns`). */
  readonly publicationGeneratedColumns: boolean;
}

export const MINIMUM_SERVER_VERSION_NUM = 140000;

export function capabilitiesFor(serverVersionNum: number): Capabilities {
  const major = Math.floor(serverVersionNum / 10000);
  return {
    serverVersionNum,
    major,
    nullsNotDistinct: major >= 15,
    notNullConstraints: major >= 18,
    enforcedConstraints: major >= 18,
    collationLocaleColumn: major >= 17 ? "colllocale" : major >= 15 ? "colliculocale" : null,
    collationRules: major >= 16,
    virtualGeneratedColumns: major >= 18,
    clonedTriggersAreInternal: major <= 14,
    publicationFilters: major >= 15,
    publicationGeneratedColumns: major >= 18,
  };
}
