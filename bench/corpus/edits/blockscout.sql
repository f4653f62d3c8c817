-- Bench edits for blockscout: the modified copy is the corpus file followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is blockscout.more.sql.
ALTER TABLE public.account_api_plans ADD COLUMN max_req_per_day integer;
ALTER TABLE public.account_custom_abis DROP COLUMN user_created;
ALTER TABLE public.account_api_plans ALTER COLUMN max_req_per_second TYPE integer;
ALTER TABLE public.account_identities ALTER COLUMN plan_id SET NOT NULL;
CREATE INDEX account_api_keys_inserted_at_idx ON public.account_api_keys (inserted_at);
