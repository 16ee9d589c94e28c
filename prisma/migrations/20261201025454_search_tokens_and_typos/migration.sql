-- Search that finds what readers type (docs/decisions/0011-query-understanding.md).
-- Texts are now tokenized by the app (server/search/query/tokenize.ts) before they are stored,
-- so the index, the query and the highlighting read words alike ("U.S.S.R." = "USSR",
-- "Yong-geon" = "Yonggeon"). The stored rows were tokenized the old way: every public record is
-- queued for the sync worker, which re-indexes it (searches keep answering from the old rows
-- meanwhile). The lexicon is emptied and refilled by that re-indexing with the new words and
-- their deletion neighbourhoods (typo tolerance).
-- No semicolons in these comments: the migration runner splits statements on them.

TRUNCATE "search_lexicon";

-- AlterTable
ALTER TABLE "search_lexicon" ADD COLUMN     "id" SERIAL NOT NULL;

-- CreateTable
CREATE TABLE "search_lexicon_deletions" (
    "key" INTEGER NOT NULL,
    "word_id" INTEGER NOT NULL,

    CONSTRAINT "search_lexicon_deletions_pkey" PRIMARY KEY ("key","word_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "search_lexicon_id_key" ON "search_lexicon"("id");

-- The trigram index served the old typo search only.
DROP INDEX IF EXISTS "search_lexicon_trgm";

-- Every public record re-indexed with the new tokenizer.
INSERT INTO "search_outbox" ("op", "record_id") SELECT 'sync_record', "id" FROM "records" WHERE "status" = 'published';
SELECT pg_notify('search_outbox', '');
