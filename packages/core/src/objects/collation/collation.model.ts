/** `CREATE COLLATION`. The version (`collversion`) is the server's library's, never compared. */
export interface Collation {
  readonly kind: "collation";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly provider: "libc" | "icu" | "builtin";
  /** ICU / builtin locale (`und-u-ks-level2`); null for libc. */
  readonly locale: string | null;
  /** libc `LC_COLLATE` / `LC_CTYPE`; null for ICU and builtin. */
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+), else null. */
  readonly rules: string | null;
  readonly owner: string;
  readonly comment: string | null;
}
