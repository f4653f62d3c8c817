-- Bench edits for gitlab-ci-structure-2021, part 2: views, policies, RLS, enum values (after gitlab-ci-structure-2021.sql).
CREATE VIEW public.ci_build_needs_optional AS
  SELECT id, build_id, name FROM public.ci_build_needs WHERE optional;
CREATE OR REPLACE VIEW public.ci_build_needs_optional AS
  SELECT id, build_id, name, artifacts FROM public.ci_build_needs WHERE optional;
CREATE POLICY report_results_by_project ON public.ci_build_report_results
  USING (project_id = current_setting('app.project_id', true)::bigint);
ALTER TABLE public.ci_build_report_results ENABLE ROW LEVEL SECURITY;
CREATE TYPE public.ci_need_kind AS ENUM ('needs', 'dependencies');
ALTER TYPE public.ci_need_kind ADD VALUE 'bridge';
ALTER TABLE public.ci_build_needs ADD COLUMN kind public.ci_need_kind;
