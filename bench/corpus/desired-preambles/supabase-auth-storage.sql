-- pg-flux's desired-state view of the Supabase preamble.sql: the extensions schema and grants. Its
-- role-creating DO block is left out (roles are server-wide; pg-flux rejects them in a desired state);
-- the bench creates them when it loads the live database on the same server.
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
GRANT USAGE ON SCHEMA extensions TO postgres, anon, authenticated, service_role;
