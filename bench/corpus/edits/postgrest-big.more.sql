-- Bench edits for postgrest-big, part 2: views, policies, RLS, enum values (after postgrest-big.sql).
CREATE OR REPLACE VIEW apflora.v_apber_a10lpop AS
 SELECT pop.ap_id,
    pop.id,
    count(tpop.id) AS tpop_count
   FROM (apflora.pop
     JOIN apflora.tpop ON ((pop.id = tpop.pop_id)))
  WHERE (pop.status = 300)
  GROUP BY pop.ap_id, pop.id;
CREATE POLICY adresse_owner ON apflora.adresse USING (evab_id_person IS NOT NULL);
ALTER TABLE apflora.adresse ENABLE ROW LEVEL SECURITY;
CREATE TYPE apflora.kontrolle_status AS ENUM ('geplant', 'durchgefuehrt');
ALTER TYPE apflora.kontrolle_status ADD VALUE 'abgesagt';
ALTER TABLE apflora.tpopkontr ADD COLUMN status apflora.kontrolle_status;
