-- Bench edits for graphile-starter: the modified copy is the migration followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is graphile-starter.more.sql.
ALTER TABLE app_public.organizations ADD COLUMN description text;
ALTER TABLE app_public.organization_invitations DROP COLUMN code;
ALTER TABLE app_public.organizations ALTER COLUMN name TYPE varchar(200);
ALTER TABLE app_public.organization_memberships ALTER COLUMN is_billing_contact SET DEFAULT true;
CREATE INDEX organizations_created_at_idx ON app_public.organizations (created_at);
