-- Search at scale, continued (docs/decisions/0008-search-at-scale.md, revision 2026-11-30 c).
-- Hand-written: partial and GIN indexes are beyond the schema language of Prisma.
--
-- 1. The first relevance tier (title and names) of a common word: a GIN index on a fixed eighth
--    of the rows. A GIN index hands over all of the matches of a word at once (tens of thousands of
--    title matches for a common word, ~14 ms at 500,000 records), and the tier ranks at most 500,
--    which this eighth still holds for such words (~2 ms).
CREATE INDEX IF NOT EXISTS "search_documents_head_sample" ON "search_documents" USING gin ("head_tsv", "facet_keys")
  WHERE (hashint4("record_id") & 7) = 0;

-- 2. The date index of the sample, written with `% 64` instead of `& 63` (the same rows): written
--    alike, the planner ANDed the ~7,800 rows of this index into every filtered sample instead of using
--    the GIN index of the sample (5 ms instead of 0.3). Only browsing without words or filters uses it.
CREATE INDEX IF NOT EXISTS "search_documents_sample_dates" ON "search_documents" ("date_earliest")
  WHERE (hashint4("record_id") % 64) = 0;
DROP INDEX IF EXISTS "search_documents_sample";
