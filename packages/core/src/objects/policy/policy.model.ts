export interface Policy {
  readonly kind: "policy";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly table: string;
  readonly command: "all" | "select" | "insert" | "update" | "delete";
  readonly permissive: boolean;
  /** Role names, sorted; `public` stands for PUBLIC. */
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
}
