-- Bench edits for pagila-pre-pgvector, part 2: views, policies, RLS, enum values (after pagila-pre-pgvector.sql).
CREATE OR REPLACE VIEW public.staff_list AS
 SELECT s.staff_id AS id,
    ((s.first_name || ' '::text) || s.last_name) AS name,
    a.address,
    a.postal_code AS "zip code",
    a.phone,
    city.city,
    country.country,
    s.store_id AS sid,
    s.email
   FROM (((public.staff s
     JOIN public.address a ON ((s.address_id = a.address_id)))
     JOIN public.city ON ((a.city_id = city.city_id)))
     JOIN public.country ON ((city.country_id = country.country_id)));
CREATE POLICY customer_same_store ON public.customer
  USING (store_id = current_setting('app.store_id', true)::integer);
ALTER TABLE public.customer ENABLE ROW LEVEL SECURITY;
ALTER TYPE public.mpaa_rating ADD VALUE 'NR';
