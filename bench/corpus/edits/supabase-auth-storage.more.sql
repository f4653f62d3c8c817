-- Bench edits for supabase-auth-storage, part 2: views, policies, RLS, enum values (after supabase-auth-storage.sql).
CREATE VIEW storage.public_buckets AS SELECT id, name FROM storage.buckets WHERE public;
CREATE OR REPLACE VIEW storage.public_buckets AS SELECT id, name, owner FROM storage.buckets WHERE public;
CREATE POLICY buckets_owner ON storage.buckets USING (owner = auth.uid());
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn');
ALTER TYPE auth.factor_type ADD VALUE 'phone';
ALTER TABLE auth.users ADD COLUMN factor auth.factor_type;
