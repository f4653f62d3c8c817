-- Bench edits for postgrest-big (apflora): the modified copy is the corpus file followed by this script.
ALTER TABLE apflora.adresse ADD COLUMN mobile text;
ALTER TABLE apflora.tpopkontr DROP COLUMN id_old;
ALTER TABLE apflora.adresse ALTER COLUMN name SET NOT NULL;
ALTER TABLE apflora._variable ALTER COLUMN apber_jahr SET DEFAULT 2024;
CREATE INDEX tpop_gemeinde_idx ON apflora.tpop (gemeinde);
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
