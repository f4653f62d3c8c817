-- Bench edits for AdventureWorks: the modified copy is the install script followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is adventureworks.more.sql.
ALTER TABLE person.address ADD COLUMN geocode_quality smallint;
-- every table has a `SELECT *` view (pe.a, pr.p, …), so no column can be dropped: drop a CHECK instead
ALTER TABLE production.productreview DROP CONSTRAINT "CK_ProductReview_Rating";
ALTER TABLE production.product ALTER COLUMN color SET NOT NULL;
ALTER TABLE production.product ALTER COLUMN weight SET DEFAULT 0;
CREATE INDEX ix_product_color ON production.product (color);
