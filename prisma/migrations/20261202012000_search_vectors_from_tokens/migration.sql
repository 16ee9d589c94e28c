-- The search vectors are built from the stored texts as they are. The engine stores every text
-- as the shared tokenizer reads and folds it (server/search/query/tokenize.ts), and queries are
-- folded by the same code, so folding again in SQL (dossier_fold: unaccent, lower case,
-- apostrophes) changed nothing where the two agree and, where they did not (a letter one folds
-- and the other keeps), made the index hold a form no query asks for. It was also a fifth of
-- each document's write (docs/benchmarks.md, bench:import).
-- A generated column keeps the values computed when each row was written: both columns are
-- dropped (with the indexes over them) and added again, which computes them for every row.
ALTER TABLE "search_documents" DROP COLUMN "tsv", DROP COLUMN "head_tsv";
ALTER TABLE "search_documents"
  ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', "title"), 'A') ||
    setweight(to_tsvector('simple', "names"), 'A') ||
    setweight(to_tsvector('simple', "summary"), 'B') ||
    setweight(to_tsvector('simple', "body"), 'C')
  ) STORED,
  ADD COLUMN "head_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', "title"), 'A') ||
    setweight(to_tsvector('simple', "names"), 'B')
  ) STORED,
  ALTER COLUMN "head_tsv" SET STORAGE MAIN;
ALTER TABLE "search_documents" ALTER COLUMN "tsv" SET STATISTICS -1;

CREATE INDEX "search_documents_match" ON "search_documents" USING gin ("tsv", "facet_keys");
CREATE INDEX "search_documents_head_match" ON "search_documents" USING gin ("head_tsv", "facet_keys");
CREATE INDEX "search_documents_sample_match" ON "search_documents" USING gin ("tsv", "facet_keys") WHERE (hashint4("record_id") & 63) = 0;
CREATE INDEX "search_documents_head_sample" ON "search_documents" USING gin ("head_tsv", "facet_keys") WHERE (hashint4("record_id") & 7) = 0;
ANALYZE "search_documents";
