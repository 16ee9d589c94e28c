// The search engine in use: Meilisearch when MEILI_URL is set, else PostgreSQL full-text search.
import { db } from "../db";
import { env } from "../env";
import type { SearchEngine } from "./engine";
import { PostgresSearchEngine } from "./postgres-engine";

let engine: SearchEngine | undefined;

export function getSearchEngine(): SearchEngine {
  if (!engine) {
    if (env.MEILI_URL) {
      // The Meilisearch engine is not built yet (issue 5 continues); until then every
      // configuration searches with PostgreSQL, and says so in /api/health.
      console.warn("MEILI_URL is set, but the Meilisearch engine is not available yet: using PostgreSQL full-text search.");
    }
    engine = new PostgresSearchEngine(db);
  }
  return engine;
}
