-- Dates typed in a search (docs/decisions/0011-query-understanding.md): the years a record's date
-- range touches become keys of facet_keys ("y1957"), indexed beside the words, so "Gromyko 1957"
-- is one GIN scan that intersects the word's posting list with the year's. Without them the
-- planner walked the date index and read each row's full-text vector (seconds at 500,000
-- records). A range of 20 years or more gets the key "ylong" instead (few records: every date
-- search reads them and checks the exact overlap), as the timeline counts such records once.
-- Hand-written: generated columns and GIN indexes are beyond the schema language of Prisma.
-- No semicolons in these comments: the migration runner splits statements on them.
CREATE OR REPLACE FUNCTION dossier_facet_keys_dated(collection_ids int[], entity_ids int[], decade int, language text, document_type text, date_earliest date, date_latest date)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT dossier_facet_keys(collection_ids, entity_ids, decade, language, document_type)
    || (SELECT CASE WHEN y.last - y.first < 20 THEN ARRAY(SELECT 'y' || g FROM generate_series(y.first, y.last) g) ELSE ARRAY['ylong'] END
        FROM (SELECT EXTRACT(YEAR FROM date_earliest)::int + (date_earliest < DATE '0001-01-01')::int AS first,
                     EXTRACT(YEAR FROM date_latest)::int + (date_latest < DATE '0001-01-01')::int AS last) y)
$$;

-- A stored generated column keeps the values computed when each row was written: the column is
-- dropped (with the indexes over it) and added again, which computes it for every row.
ALTER TABLE "search_documents" DROP COLUMN "facet_keys";
ALTER TABLE "search_documents"
  ADD COLUMN "facet_keys" text[] GENERATED ALWAYS AS (dossier_facet_keys_dated("collection_ids", "entity_ids", "decade", "language", "document_type", "date_earliest", "date_latest")) STORED,
  ALTER COLUMN "facet_keys" SET STORAGE MAIN;

CREATE INDEX "search_documents_match" ON "search_documents" USING gin ("tsv", "facet_keys");
CREATE INDEX "search_documents_head_match" ON "search_documents" USING gin ("head_tsv", "facet_keys");
CREATE INDEX "search_documents_sample_match" ON "search_documents" USING gin ("tsv", "facet_keys") WHERE (hashint4("record_id") & 63) = 0;
CREATE INDEX "search_documents_head_sample" ON "search_documents" USING gin ("head_tsv", "facet_keys") WHERE (hashint4("record_id") & 7) = 0;
ANALYZE "search_documents";
