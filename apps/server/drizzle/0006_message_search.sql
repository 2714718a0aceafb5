-- Full-text search of message text in Portuguese, accent-insensitive. unaccent ships with PostgreSQL's
-- contrib and with PGlite; where an operator's database lacks it, an equivalent translate() stands in,
-- so queries and the index use one function either way. The wrapper is IMMUTABLE because index
-- expressions must be, which unaccent() itself is not (its dictionary could change).
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'unaccent unavailable (%), using the translate() fallback', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
    EXECUTE $f$CREATE OR REPLACE FUNCTION jimmy_unaccent(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS 'SELECT public.unaccent(''public.unaccent''::regdictionary, value)'$f$;
  ELSE
    EXECUTE $f$CREATE OR REPLACE FUNCTION jimmy_unaccent(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS 'SELECT translate(value, ''áàâãäåÁÀÂÃÄÅéèêëÉÈÊËíìîïÍÌÎÏóòôõöÓÒÔÕÖúùûüÚÙÛÜçÇñÑýÿÝ'', ''aaaaaaAAAAAAeeeeEEEEiiiiIIIIoooooOOOOOuuuuUUUUcCnNyyY'')'$f$;
  END IF;
END
$$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_body_fts_idx" ON "messages" USING gin (to_tsvector('portuguese'::regconfig, jimmy_unaccent("body")));
