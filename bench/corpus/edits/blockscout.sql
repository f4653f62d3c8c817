-- Bench edits for blockscout: the modified copy is the corpus file followed by this script.
ALTER TABLE public.account_api_plans ADD COLUMN max_req_per_day integer;
ALTER TABLE public.account_custom_abis DROP COLUMN user_created;
ALTER TABLE public.account_api_plans ALTER COLUMN max_req_per_second TYPE integer;
ALTER TABLE public.account_identities ALTER COLUMN plan_id SET NOT NULL;
CREATE INDEX account_api_keys_inserted_at_idx ON public.account_api_keys (inserted_at);
CREATE VIEW public.account_api_plan_limits AS
  SELECT id, name, max_req_per_second FROM public.account_api_plans;
CREATE OR REPLACE VIEW public.account_api_plan_limits AS
  SELECT id, name, max_req_per_second, max_req_per_day FROM public.account_api_plans;
CREATE POLICY api_keys_own ON public.account_api_keys
  USING (identity_id = current_setting('app.identity_id', true)::bigint);
ALTER TABLE public.account_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TYPE public.proxy_type ADD VALUE 'eip7760' BEFORE 'unknown';
