-- Bench edits for pagila: the modified copy is the corpus file followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is pagila-pre-pgvector.more.sql.
ALTER TABLE public.customer ADD COLUMN loyalty_points integer DEFAULT 0 NOT NULL;
ALTER TABLE public.staff DROP COLUMN picture;
ALTER TABLE public.staff ALTER COLUMN username TYPE varchar(32);
ALTER TABLE public.customer ALTER COLUMN email SET NOT NULL;
CREATE INDEX idx_customer_email ON public.customer (email);
