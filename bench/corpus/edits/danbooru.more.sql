-- Bench edits for danbooru, part 2: views, policies, RLS, enum values (after danbooru.sql).
CREATE VIEW public.recent_post_disapprovals AS
  SELECT id, post_id, user_id, reason FROM public.post_disapprovals;
CREATE OR REPLACE VIEW public.recent_post_disapprovals AS
  SELECT id, post_id, user_id, reason, created_at FROM public.post_disapprovals;
CREATE POLICY mod_actions_public ON public.mod_actions FOR SELECT USING (category <> 0);
ALTER TABLE public.mod_actions ENABLE ROW LEVEL SECURITY;
CREATE TYPE public.appeal_status AS ENUM ('pending', 'succeeded', 'rejected');
ALTER TYPE public.appeal_status ADD VALUE 'withdrawn';
ALTER TABLE public.post_appeals ADD COLUMN status_name public.appeal_status;
