-- The search index's two vectors are written by the engine with each document when its words
-- are plain ASCII words or numbers (server/search/postgres/vectors.ts, vectorLiteral), and by
-- the same expressions as before, in the engine's INSERT, for every other document: PostgreSQL's
-- parser cost ~200 µs per document written (docs/benchmarks.md, bench:import). Every stored
-- value stays as it is; tests/search/vectors.test.ts holds both ways equal.
ALTER TABLE "search_documents" ALTER COLUMN "tsv" DROP EXPRESSION;
ALTER TABLE "search_documents" ALTER COLUMN "head_tsv" DROP EXPRESSION;
