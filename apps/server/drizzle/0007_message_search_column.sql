-- The search document as a stored column, indexed instead of the 0006 expression. Rechecking a row
-- against the expression index recomputed to_tsvector(jimmy_unaccent(body)) (40-70 µs a row: the
-- wrapper cannot be inlined, as unaccent() is only STABLE); phrases always recheck, as GIN keeps no
-- positions, so a common phrase cost a to_tsvector per candidate. Reading the stored vector instead
-- costs about a microsecond. The column is left out of the Drizzle schema on purpose, so no
-- select of a message row drags it along; only the search statements name it.
-- Adding a generated column rewrites the table (ACCESS EXCLUSIVE lock while it runs).
ALTER TABLE "messages" ADD COLUMN IF NOT EXISTS "search_tsv" tsvector
  GENERATED ALWAYS AS (to_tsvector('portuguese'::regconfig, jimmy_unaccent("body"))) STORED;--> statement-breakpoint
DROP INDEX IF EXISTS "messages_body_fts_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_search_tsv_idx" ON "messages" USING gin ("search_tsv");--> statement-breakpoint
-- The search first walks a company's newest messages (SearchRepository.find); without this index that
-- walk would read every company's messages by id.
CREATE INDEX IF NOT EXISTS "messages_company_id_idx" ON "messages" USING btree ("company_id","id");
