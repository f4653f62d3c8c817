/**
 * Ordering priorities: among the steps whose dependencies are all done, the lowest number runs
 * first (ties: the order the differ produced them). Priorities never override a dependency; they
 * only choose among ready steps, so they encode the safe default order where no catalog dependency
 * exists — policies before ENABLE ROW LEVEL SECURITY, drops of dependents before the alteration
 * they block, drops of containers last.
 *
 * The names in comments are the seed's (`ChangeDropViewEarly` 3, `CREATE_POLICY` 12,
 * `ChangeCreateView` 40, `ChangeAlterColumn` 50, `ChangeToggleRLS` 65); keep those five values.
 */
export const PRIORITY = {
  /** Managed roles (`--manage-roles`): created, changed, renamed and granted before anything names them. */
  ROLE: 0,
  RENAME_SCHEMA: 1,
  CREATE_SCHEMA: 2,
  /** Seed: ChangeDropViewEarly. */
  DROP_VIEW_EARLY: 3,
  RENAME: 4,
  DROP_TRIGGER: 5,
  DROP_FOREIGN_KEY: 6,
  DROP_CONSTRAINT: 7,
  DROP_INDEX: 8,
  CREATE_EXTENSION: 9,
  ALTER_EXTENSION: 10,
  CREATE_TYPE: 11,
  /** Seed: CREATE_POLICY. */
  CREATE_POLICY: 12,
  CREATE_SEQUENCE: 13,
  ALTER_SEQUENCE: 14,
  CREATE_TABLE: 15,
  CREATE_PARTITION: 16,
  ALTER_TABLE: 18,
  ADD_COLUMN: 20,
  ALTER_TYPE: 22,
  CREATE_FUNCTION: 30,
  /** Seed: ChangeCreateView. */
  CREATE_VIEW: 40,
  /** Seed: ChangeAlterColumn. */
  ALTER_COLUMN: 50,
  ADD_CONSTRAINT: 55,
  CREATE_INDEX: 58,
  VALIDATE_CONSTRAINT: 60,
  CREATE_TRIGGER: 62,
  /** Seed: ChangeToggleRLS (ENABLE after CREATE POLICY; DISABLE before DROP POLICY). */
  TOGGLE_RLS: 65,
  DROP_POLICY: 70,
  COMMENT: 75,
  PRIVILEGES: 76,
  DROP_COLUMN: 80,
  DROP_VIEW: 82,
  DROP_TABLE: 85,
  DROP_FUNCTION: 88,
  DROP_SEQUENCE: 90,
  DROP_TYPE: 92,
  DROP_EXTENSION: 95,
  DROP_SCHEMA: 99,
  /** After every step that could still name the role (revokes, owner changes, policies). */
  DROP_ROLE: 100,
} as const;

export type PriorityName = keyof typeof PRIORITY;
