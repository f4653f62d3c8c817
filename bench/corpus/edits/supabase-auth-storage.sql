-- Bench edits for Supabase auth/storage: the modified copy is the init scripts followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is supabase-auth-storage.more.sql.
ALTER TABLE storage.buckets ADD COLUMN public boolean DEFAULT false;
ALTER TABLE auth.instances DROP COLUMN raw_base_config;
ALTER TABLE storage.migrations ALTER COLUMN name TYPE varchar(200);
ALTER TABLE auth.audit_log_entries ALTER COLUMN created_at SET DEFAULT now();
CREATE INDEX audit_log_entries_created_at_idx ON auth.audit_log_entries (created_at);
