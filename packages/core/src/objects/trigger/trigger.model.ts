export interface Trigger {
  readonly kind: "trigger";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table or view id. */
  readonly table: string;
  /** `pg_get_triggerdef`: the full CREATE TRIGGER statement. */
  readonly definition: string;
  /** Function id of the trigger function. */
  readonly function: string;
  readonly timing: "before" | "after" | "instead of";
  readonly events: readonly ("insert" | "update" | "delete" | "truncate")[];
  readonly updateColumns: readonly string[];
  readonly forEachRow: boolean;
  readonly when: string | null;
  readonly arguments: readonly string[];
  readonly enabled: "origin" | "disabled" | "replica" | "always";
  readonly constraintTrigger: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly oldTable: string | null;
  readonly newTable: string | null;
  /** Parent trigger id when a partition has it because its parent does. */
  readonly parentTrigger: string | null;
  readonly comment: string | null;
}
