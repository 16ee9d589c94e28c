-- Decade, document type and language are filtered through facet_keys (the GIN index beside the
-- words, ADR 8): no query read these three indexes (idx_scan 0 over the search benchmark), and
-- every document the search sync writes updated them.
-- DropIndex
DROP INDEX "search_documents_decade_idx";

-- DropIndex
DROP INDEX "search_documents_document_type_idx";

-- DropIndex
DROP INDEX "search_documents_language_idx";
