-- Bench edits for the postgraphile kitchen sink: the modified copy is the corpus file followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is postgraphile-kitchen-sink.more.sql.
ALTER TABLE c.person ADD COLUMN nickname text;
ALTER TABLE c.person DROP COLUMN user_mac;
ALTER TABLE a.post ALTER COLUMN headline TYPE varchar(280);
ALTER TABLE c.person ALTER COLUMN about SET DEFAULT '';
CREATE INDEX person_created_at_idx ON c.person (created_at);
