-- Bench edits for blockscout, part 2: views, policies, RLS, enum values (after blockscout.sql).
CREATE VIEW public.account_api_plan_limits AS
  SELECT id, name, max_req_per_second FROM public.account_api_plans;
CREATE OR REPLACE VIEW public.account_api_plan_limits AS
  SELECT id, name, max_req_per_second, max_req_per_day FROM public.account_api_plans;
CREATE POLICY api_keys_own ON public.account_api_keys
  USING (identity_id = current_setting('app.identity_id', true)::bigint);
ALTER TABLE public.account_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TYPE public.proxy_type ADD VALUE 'eip7760' BEFORE 'unknown';
