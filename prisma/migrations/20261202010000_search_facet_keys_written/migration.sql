-- The search index's facet keys are written by the engine with each document
-- (server/search/postgres/filters.ts, facetKeys) instead of computed by a generated column:
-- dossier_facet_keys_dated runs its subqueries once per row written, a quarter of each
-- document's write (docs/benchmarks.md, bench:import). Every stored value stays as it is; the
-- function stays for bulk SQL (the search benchmark's generator) and as the definition the
-- engine's keys are tested against.
ALTER TABLE "search_documents" ALTER COLUMN "facet_keys" DROP EXPRESSION;
