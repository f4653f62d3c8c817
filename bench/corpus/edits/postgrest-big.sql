-- Bench edits for postgrest-big (apflora): the modified copy is the corpus file followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is postgrest-big.more.sql.
ALTER TABLE apflora.adresse ADD COLUMN mobile text;
ALTER TABLE apflora.tpopkontr DROP COLUMN id_old;
ALTER TABLE apflora.adresse ALTER COLUMN name SET NOT NULL;
ALTER TABLE apflora._variable ALTER COLUMN apber_jahr SET DEFAULT 2024;
CREATE INDEX tpop_gemeinde_idx ON apflora.tpop (gemeinde);
