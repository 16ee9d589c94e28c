// Suggestions as the reader types: names from the authority records (any variant, accent- and
// case-insensitive, prefix or near match) and the titles the search engine ranks first.
// Only entities that a published record mentions are suggested: nothing unpublished leaks.
import type { Db } from "../db";
import { normalizeName } from "../entities/names";
import type { SearchEngine } from "./engine";
import { searchQuerySchema } from "./engine";

export interface Suggestions {
  names: { entityId: number; name: string; preferred: string; type: string }[];
  records: { id: number; title: string; dateText: string }[];
}

export async function suggest(db: Db, engine: SearchEngine, q: string): Promise<Suggestions> {
  const folded = normalizeName(q).slice(0, 100);
  if (folded.length < 2) return { names: [], records: [] };
  const [names, results] = await Promise.all([
    db.$queryRaw<{ entity_id: number; name: string; preferred: string; type: string }[]>`
      SELECT DISTINCT ON (n.entity_id) n.entity_id, n.name, p.name AS preferred, e.type::text AS type
      FROM entity_names n
      JOIN entities e ON e.id = n.entity_id AND e.merged_into_id IS NULL
      JOIN entity_names p ON p.entity_id = n.entity_id AND p.is_preferred
      WHERE (n.normalized LIKE ${folded.replace(/[%_\\]/g, "")} || '%' OR n.normalized % ${folded})
        AND EXISTS (SELECT 1 FROM search_documents sd WHERE sd.entity_ids @> ARRAY[n.entity_id])
      ORDER BY n.entity_id, (n.normalized LIKE ${folded.replace(/[%_\\]/g, "")} || '%') DESC, n.is_preferred DESC, similarity(n.normalized, ${folded}) DESC
      LIMIT 50`,
    engine.search(searchQuerySchema.parse({ q, pageSize: 4 })),
  ]);
  const ranked = names
    .map((n) => ({ ...n, score: normalizeName(n.name).startsWith(folded) ? 1 : 0 }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, 5);
  return {
    names: ranked.map((n) => ({ entityId: n.entity_id, name: n.name, preferred: n.preferred, type: n.type })),
    records: results.hits.map((h) => ({ id: h.id, title: h.title, dateText: h.dateText })),
  };
}
