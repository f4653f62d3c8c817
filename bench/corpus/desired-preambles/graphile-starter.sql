-- pg-flux's desired-state view of graphile-starter's preamble.sql: the psql variables and extensions.
-- Its role-creating DO block is left out: roles are server-wide and pg-flux rejects them in a desired
-- state; the bench creates them when it loads the live database on the same server.
\set DATABASE_OWNER graphile_starter
\set DATABASE_VISITOR graphile_starter_visitor
\set DATABASE_AUTHENTICATOR graphile_starter_authenticator
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
