-- Bench edits for Supabase auth/storage: the modified copy is the init scripts followed by this script.
ALTER TABLE storage.buckets ADD COLUMN public boolean DEFAULT false;
ALTER TABLE auth.instances DROP COLUMN raw_base_config;
ALTER TABLE storage.migrations ALTER COLUMN name TYPE varchar(200);
ALTER TABLE auth.audit_log_entries ALTER COLUMN created_at SET DEFAULT now();
CREATE INDEX audit_log_entries_created_at_idx ON auth.audit_log_entries (created_at);
CREATE VIEW storage.public_buckets AS SELECT id, name FROM storage.buckets WHERE public;
CREATE OR REPLACE VIEW storage.public_buckets AS SELECT id, name, owner FROM storage.buckets WHERE public;
CREATE POLICY buckets_owner ON storage.buckets USING (owner = auth.uid());
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn');
ALTER TYPE auth.factor_type ADD VALUE 'phone';
ALTER TABLE auth.users ADD COLUMN factor auth.factor_type;
