-- Folding used by the index and by queries alike: accents off, lower case, apostrophes gone
-- ("Ch'oe Yong-gŏn" -> "choe yong-gon"). unaccent() is only STABLE (its dictionary could change),
-- so it is wrapped as IMMUTABLE with the dictionary named explicitly, the documented way to use
-- it in an index or a generated column.
CREATE OR REPLACE FUNCTION dossier_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)), '[''’ʼʻ‘`]', '', 'g') $$;

-- CreateTable
CREATE TABLE "search_documents" (
    "record_id" INTEGER NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "date_text" TEXT NOT NULL,
    "date_earliest" DATE NOT NULL,
    "date_latest" DATE NOT NULL,
    "decade" INTEGER NOT NULL,
    "document_type" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "collection_ids" INTEGER[],
    "entity_ids" INTEGER[],
    "document" JSONB NOT NULL,
    "tsv" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', dossier_fold("title")), 'A') ||
        setweight(to_tsvector('simple', dossier_fold("names")), 'A') ||
        setweight(to_tsvector('simple', dossier_fold("summary")), 'B') ||
        setweight(to_tsvector('simple', dossier_fold("body")), 'C')
    ) STORED,
    "indexed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("record_id")
);

-- CreateTable
CREATE TABLE "search_lexicon" (
    "word" TEXT NOT NULL,

    CONSTRAINT "search_lexicon_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "search_documents_date_earliest_idx" ON "search_documents"("date_earliest");

-- CreateIndex
CREATE INDEX "search_documents_decade_idx" ON "search_documents"("decade");

-- CreateIndex
CREATE INDEX "search_documents_document_type_idx" ON "search_documents"("document_type");

-- CreateIndex
CREATE INDEX "search_documents_language_idx" ON "search_documents"("language");

-- ---------------------------------------------------------------------------
-- Added by hand: what schema.prisma cannot express.
-- ---------------------------------------------------------------------------
CREATE INDEX "search_documents_tsv" ON "search_documents" USING gin ("tsv");
CREATE INDEX "search_documents_collection_ids" ON "search_documents" USING gin ("collection_ids");
CREATE INDEX "search_documents_entity_ids" ON "search_documents" USING gin ("entity_ids");
CREATE INDEX "search_lexicon_trgm" ON "search_lexicon" USING gin ("word" gin_trgm_ops);

