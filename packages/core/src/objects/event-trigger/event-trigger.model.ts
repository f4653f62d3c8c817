export interface EventTrigger {
  readonly kind: "event_trigger";
  readonly id: string;
  readonly name: string;
  readonly event: string;
  readonly tags: readonly string[];
  readonly function: string;
  readonly enabled: "origin" | "disabled" | "replica" | "always";
  readonly owner: string;
  readonly comment: string | null;
}
