-- Bench edits for graphile-starter, part 2: views, policies, RLS, enum values (after graphile-starter.sql).
CREATE VIEW app_public.organization_summaries AS
  SELECT o.id, o.slug, o.name FROM app_public.organizations o;
CREATE OR REPLACE VIEW app_public.organization_summaries AS
  SELECT o.id, o.slug, o.name, o.created_at FROM app_public.organizations o;
CREATE POLICY select_recent ON app_public.organizations FOR SELECT
  USING (created_at > now() - interval '1 year');
CREATE TYPE app_public.membership_role AS ENUM ('member', 'admin');
ALTER TYPE app_public.membership_role ADD VALUE 'billing';
ALTER TABLE app_public.organization_memberships ADD COLUMN role app_public.membership_role DEFAULT 'member' NOT NULL;
