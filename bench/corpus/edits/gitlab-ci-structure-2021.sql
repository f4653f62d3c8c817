-- Bench edits for GitLab's ci_structure.sql: the modified copy is the corpus file followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is gitlab-ci-structure-2021.more.sql.
ALTER TABLE public.ci_build_needs ADD COLUMN created_at timestamp with time zone DEFAULT now() NOT NULL;
ALTER TABLE public.ci_build_needs DROP COLUMN build_id_convert_to_bigint;
ALTER TABLE public.ci_build_trace_chunks ALTER COLUMN build_id TYPE bigint;
ALTER TABLE public.ci_build_pending_states ALTER COLUMN state SET NOT NULL;
CREATE INDEX index_ci_build_needs_on_name ON public.ci_build_needs (name) WHERE optional;
