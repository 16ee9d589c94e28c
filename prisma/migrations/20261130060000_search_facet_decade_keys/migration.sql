-- Search at scale, continued (docs/decisions/0008-search-at-scale.md, revision 2026-11-30 d).
-- Hand-written: generated columns and GIN indexes are beyond the schema language of Prisma.
--
-- Collection and entity keys also paired with the decade ("c7@1950", "e12@1950"). A decade is a
-- fifth of an archive that centres on one period, so a filter on collection and decade made every
-- index scan intersect a 100,000-entry posting list with the collection's (2.4 ms at 500,000
-- records, before any word). The paired key lists only the records in both (~2,500).
-- No semicolons in these comments: the migration runner splits statements on them.
CREATE OR REPLACE FUNCTION dossier_facet_keys(collection_ids int[], entity_ids int[], decade int, language text, document_type text)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT 'c' || c FROM unnest(collection_ids) AS c)
    || ARRAY(SELECT 'e' || e FROM unnest(entity_ids) AS e)
    || ARRAY['d' || decade, 'l' || language, 't' || document_type]
    || ARRAY(SELECT 'c' || c || '@' || decade FROM unnest(collection_ids) AS c)
    || ARRAY(SELECT 'e' || e || '@' || decade FROM unnest(entity_ids) AS e)
$$;

-- A stored generated column keeps the values computed when each row was written: the column is
-- dropped (with the indexes over it) and added again, which computes it for every row.
ALTER TABLE "search_documents" DROP COLUMN "facet_keys";
ALTER TABLE "search_documents"
  ADD COLUMN "facet_keys" text[] GENERATED ALWAYS AS (dossier_facet_keys("collection_ids", "entity_ids", "decade", "language", "document_type")) STORED,
  ALTER COLUMN "facet_keys" SET STORAGE MAIN;

CREATE INDEX "search_documents_match" ON "search_documents" USING gin ("tsv", "facet_keys");
CREATE INDEX "search_documents_head_match" ON "search_documents" USING gin ("head_tsv", "facet_keys");
CREATE INDEX "search_documents_sample_match" ON "search_documents" USING gin ("tsv", "facet_keys") WHERE (hashint4("record_id") & 63) = 0;
CREATE INDEX "search_documents_head_sample" ON "search_documents" USING gin ("head_tsv", "facet_keys") WHERE (hashint4("record_id") & 7) = 0;
