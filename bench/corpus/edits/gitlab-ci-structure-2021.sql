-- Bench edits for GitLab's ci_structure.sql: the modified copy is the corpus file followed by this script.
ALTER TABLE public.ci_build_needs ADD COLUMN created_at timestamp with time zone DEFAULT now() NOT NULL;
ALTER TABLE public.ci_build_needs DROP COLUMN build_id_convert_to_bigint;
ALTER TABLE public.ci_build_trace_chunks ALTER COLUMN build_id TYPE bigint;
ALTER TABLE public.ci_build_pending_states ALTER COLUMN state SET NOT NULL;
CREATE INDEX index_ci_build_needs_on_name ON public.ci_build_needs (name) WHERE optional;
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
