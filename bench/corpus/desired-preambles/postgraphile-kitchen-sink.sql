-- pg-flux's desired-state view of the kitchen sink's preamble.sql: the extension only. Roles and role
-- memberships are server-wide (pg-flux rejects them in a desired state); the bench creates them when
-- it loads the live database on the same server.
CREATE EXTENSION IF NOT EXISTS citext;
