-- Bench edits for adventureworks, part 2: views, policies, RLS, enum values (after adventureworks.sql).
CREATE OR REPLACE VIEW pr.c AS SELECT cultureid AS id, cultureid, name, modifieddate, upper(name) AS upper_name
  FROM production.culture;
CREATE POLICY address_by_city ON person.address USING (city = current_setting('app.city', true));
ALTER TABLE person.address ENABLE ROW LEVEL SECURITY;
CREATE TYPE production.product_status AS ENUM ('active', 'discontinued');
ALTER TYPE production.product_status ADD VALUE 'recalled';
ALTER TABLE production.product ADD COLUMN status production.product_status;
