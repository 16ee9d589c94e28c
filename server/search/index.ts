// The search engine in use: Meilisearch when MEILI_URL is set, else PostgreSQL full-text search.
import { db } from "../db";
import { env } from "../env";
import type { SearchEngine } from "./engine";
import { MeilisearchEngine } from "./meilisearch-engine";
import { PostgresSearchEngine } from "./postgres-engine";

let engine: SearchEngine | undefined;

export function getSearchEngine(): SearchEngine {
  engine ??= env.MEILI_URL
    ? new MeilisearchEngine(db, { host: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY })
    : new PostgresSearchEngine(db);
  return engine;
}
