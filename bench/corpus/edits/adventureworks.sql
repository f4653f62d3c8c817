-- Bench edits for AdventureWorks: the modified copy is the install script followed by this script.
ALTER TABLE person.address ADD COLUMN geocode_quality smallint;
-- every table has a `SELECT *` view (pe.a, pr.p, …), so no column can be dropped: drop a CHECK instead
ALTER TABLE production.productreview DROP CONSTRAINT "CK_ProductReview_Rating";
ALTER TABLE production.product ALTER COLUMN color SET NOT NULL;
ALTER TABLE production.product ALTER COLUMN weight SET DEFAULT 0;
CREATE INDEX ix_product_color ON production.product (color);
CREATE OR REPLACE VIEW pr.c AS SELECT cultureid AS id, cultureid, name, modifieddate, upper(name) AS upper_name
  FROM production.culture;
CREATE POLICY address_by_city ON person.address USING (city = current_setting('app.city', true));
ALTER TABLE person.address ENABLE ROW LEVEL SECURITY;
CREATE TYPE production.product_status AS ENUM ('active', 'discontinued');
ALTER TYPE production.product_status ADD VALUE 'recalled';
ALTER TABLE production.product ADD COLUMN status production.product_status;
