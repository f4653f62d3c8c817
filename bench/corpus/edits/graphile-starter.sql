-- Bench edits for graphile-starter: the modified copy is the migration followed by this script.
ALTER TABLE app_public.organizations ADD COLUMN description text;
ALTER TABLE app_public.organization_invitations DROP COLUMN code;
ALTER TABLE app_public.organizations ALTER COLUMN name TYPE varchar(200);
ALTER TABLE app_public.organization_memberships ALTER COLUMN is_billing_contact SET DEFAULT true;
CREATE INDEX organizations_created_at_idx ON app_public.organizations (created_at);
CREATE VIEW app_public.organization_summaries AS
  SELECT o.id, o.slug, o.name FROM app_public.organizations o;
CREATE OR REPLACE VIEW app_public.organization_summaries AS
  SELECT o.id, o.slug, o.name, o.created_at FROM app_public.organizations o;
CREATE POLICY select_recent ON app_public.organizations FOR SELECT
  USING (created_at > now() - interval '1 year');
CREATE TYPE app_public.membership_role AS ENUM ('member', 'admin');
ALTER TYPE app_public.membership_role ADD VALUE 'billing';
ALTER TABLE app_public.organization_memberships ADD COLUMN role app_public.membership_role DEFAULT 'member' NOT NULL;
