-- Bench edits for danbooru: the modified copy is the structure.sql followed by this script and its .more.sql.
-- Part 1 (tables, columns, indexes, constraints); part 2 is danbooru.more.sql.
ALTER TABLE public.post_disapprovals ADD COLUMN is_automated boolean DEFAULT false NOT NULL;
ALTER TABLE public.post_disapprovals DROP COLUMN message;
ALTER TABLE public.ai_tags ALTER COLUMN score TYPE real;
ALTER TABLE public.post_disapprovals ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX index_post_disapprovals_on_reason ON public.post_disapprovals (reason);
