/** One privilege granted to one grantee (`PUBLIC` for everyone). The owner's own grants are omitted. */
export interface Privilege {
  readonly grantee: string;
  /** Upper case, as in GRANT: SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE, CREATE, EXECUTE, … */
  readonly privilege: string;
  readonly grantable: boolean;
}
