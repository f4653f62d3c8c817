-- Bench edits for postgraphile-kitchen-sink, part 2: views, policies, RLS, enum values (after postgraphile-kitchen-sink.sql).
CREATE OR REPLACE VIEW a.testview AS
  SELECT id AS testviewid, col1, col2, col1 + 1 AS col1_next
  FROM a.view_table;
CREATE POLICY person_self ON c.person USING (id = current_setting('jwt.claims.person_id', true)::integer);
ALTER TABLE c.person ENABLE ROW LEVEL SECURITY;
ALTER TYPE b.color ADD VALUE 'purple';
