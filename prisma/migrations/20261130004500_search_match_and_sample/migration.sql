-- Search at scale, continued (docs/decisions/0008-search-at-scale.md). Hand-written: generated
-- columns, multicolumn GIN and partial indexes are beyond Prisma's schema language.

-- 1. Filters inside the word index. Facet values become keys ("c7" collection 7, "e12" entity
--    12, "d1950" decade, "len" language, "tletter" type) in a generated column, indexed in the
--    same GIN index as the words: a search for a word within a collection and a decade is one
--    GIN scan that intersects the posting lists, not three bitmaps of up to 100,000 rows ANDed.
CREATE FUNCTION dossier_facet_keys(collection_ids int[], entity_ids int[], decade int, language text, document_type text)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT 'c' || c FROM unnest(collection_ids) AS c)
    || ARRAY(SELECT 'e' || e FROM unnest(entity_ids) AS e)
    || ARRAY['d' || decade, 'l' || language, 't' || document_type]
$$;

ALTER TABLE "search_documents"
  ADD COLUMN "facet_keys" text[] GENERATED ALWAYS AS (dossier_facet_keys("collection_ids", "entity_ids", "decade", "language", "document_type")) STORED,
  ALTER COLUMN "facet_keys" SET STORAGE MAIN;

DROP INDEX "search_documents_tsv";
CREATE INDEX "search_documents_match" ON "search_documents" USING gin ("tsv", "facet_keys");
DROP INDEX "search_documents_head_tsv";
CREATE INDEX "search_documents_head_match" ON "search_documents" USING gin ("head_tsv", "facet_keys");
DROP INDEX "search_documents_collection_ids";

-- 2. A fixed 1-in-64 sample, by a hash of the record id. Counts, facets and the timeline of a
--    large result are read from its sampled rows and scaled: a word in 7% of 500,000 records is
--    ~550 sampled rows instead of a 36,000-entry bitmap.
CREATE INDEX "search_documents_sample_match" ON "search_documents" USING gin ("tsv", "facet_keys") WHERE (hashint4("record_id") & 63) = 0;
CREATE INDEX "search_documents_sample" ON "search_documents" ("date_earliest") WHERE (hashint4("record_id") & 63) = 0;

-- Totals no longer come from the planner's word statistics, and reading 1,000 of them cost
-- every query's planning ~2 ms: back to the default statistics target.
ALTER TABLE "search_documents" ALTER COLUMN "tsv" SET STATISTICS -1;
ANALYZE "search_documents";
