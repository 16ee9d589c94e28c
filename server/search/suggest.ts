// Suggestions as the reader types: names from the authority records (any variant, accent- and
// case-insensitive, prefix or near match) and the titles the search engine ranks first.
// Only entities that a published record mentions are suggested: nothing unpublished leaks.
import { displayDate } from "../dates/display";
import type { Db } from "../db";
import { normalizeName } from "../entities/names";
import { matchEntityNames } from "../entities/picker";
import type { SearchEngine } from "./engine";
import { searchQuerySchema, searchWith } from "./engine";

export interface Suggestions {
  names: { entityId: number; name: string; preferred: string; type: string }[];
  /** `date` as every page shows dates (server/dates/display.ts). */
  records: { id: number; title: string; date: string }[];
}

export async function suggest(db: Db, engine: SearchEngine, q: string): Promise<Suggestions> {
  if (normalizeName(q).length < 2) return { names: [], records: [] };
  const [names, results] = await Promise.all([
    matchEntityNames(db, q, { limit: 5, publishedOnly: true }),
    searchWith(engine, searchQuerySchema.parse({ q, pageSize: 4 })),
  ]);
  return {
    names: names.map((n) => ({ entityId: n.entityId, name: n.name, preferred: n.preferred, type: n.type })),
    records: results.hits.map((h) => ({ id: h.id, title: h.title, date: displayDate(h.dateText).text })),
  };
}
