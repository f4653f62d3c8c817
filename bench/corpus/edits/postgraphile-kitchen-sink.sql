-- Bench edits for the postgraphile kitchen sink: the modified copy is the corpus file followed by this script.
ALTER TABLE c.person ADD COLUMN nickname text;
ALTER TABLE c.person DROP COLUMN user_mac;
ALTER TABLE a.post ALTER COLUMN headline TYPE varchar(280);
ALTER TABLE c.person ALTER COLUMN about SET DEFAULT '';
CREATE INDEX person_created_at_idx ON c.person (created_at);
CREATE OR REPLACE VIEW a.testview AS
  SELECT id AS testviewid, col1, col2, col1 + 1 AS col1_next
  FROM a.view_table;
CREATE POLICY person_self ON c.person USING (id = current_setting('jwt.claims.person_id', true)::integer);
ALTER TABLE c.person ENABLE ROW LEVEL SECURITY;
ALTER TYPE b.color ADD VALUE 'purple';
