-- Search at scale (docs/decisions/0008-search-at-scale.md).
-- Edited by hand: the generated column, storage settings and indexes Prisma cannot express.

-- Texts and the large full-text vector go out of line, so the heap rows that searches read
-- (dates, facets, ids) stay narrow: fewer pages per match, more of the table in memory.
-- One ALTER: the storage of head_tsv is set before the table is rewritten.
ALTER TABLE "search_documents" SET (toast_tuple_target = 128),
  ADD COLUMN "head_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', dossier_fold("title")), 'A') ||
    setweight(to_tsvector('simple', dossier_fold("names")), 'B')
  ) STORED,
  ALTER COLUMN "head_tsv" SET STORAGE MAIN,
  -- What every search reads stays inline (MAIN: compressed if need be, out of line only as a
  -- last resort), or a facet count would fetch each row's arrays from the TOAST table.
  ALTER COLUMN "collection_ids" SET STORAGE MAIN, ALTER COLUMN "entity_ids" SET STORAGE MAIN,
  ALTER COLUMN "person_ids" SET STORAGE MAIN, ALTER COLUMN "organization_ids" SET STORAGE MAIN,
  ALTER COLUMN "place_ids" SET STORAGE MAIN, ALTER COLUMN "subject_ids" SET STORAGE MAIN,
  ALTER COLUMN "document_type" SET STORAGE MAIN, ALTER COLUMN "language" SET STORAGE MAIN,
  ALTER COLUMN "date_text" SET STORAGE MAIN,
  -- Statistics for up to 10,000 words: the planner's estimate is the total of a huge result.
  ALTER COLUMN "tsv" SET STATISTICS 1000;

CREATE INDEX "search_documents_head_tsv" ON "search_documents" USING gin ("head_tsv");

-- Completions of the word being typed: a prefix range over the lexicon, whatever the collation.
CREATE INDEX "search_lexicon_prefix" ON "search_lexicon" ("word" text_pattern_ops);
