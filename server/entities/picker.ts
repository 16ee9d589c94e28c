// Finding entities by any of their names as someone types: accent- and case-insensitive
// (names are matched in their normalized form), whole-name and word prefixes, and typos
// (pg_trgm similarity over the trigram index on entity_names.normalized). One row per entity,
// with the name that matched, so a picker can say "matched as Choe Yeonggeon".
import type { DbOrTx } from "../db";
import type { EntityType } from "../generated/prisma/enums";
import { normalizeName } from "./names";

export interface NameMatch {
  entityId: number;
  type: EntityType;
  /** The name that matched (a variant or the preferred name) and its id. */
  nameId: number;
  name: string;
  /** The entity's preferred name. */
  preferred: string;
  datesText: string;
}

export async function matchEntityNames(
  db: DbOrTx,
  q: string,
  options: { type?: EntityType; limit?: number; publishedOnly?: boolean } = {},
): Promise<NameMatch[]> {
  const folded = normalizeName(q).slice(0, 100);
  if (folded.length === 0) return [];
  const limit = options.limit ?? 10;
  // The best-scoring names first; several may belong to one entity, so fetch a few more.
  const rows = await db.$queryRaw<{ entity_id: number; type: EntityType; name_id: number; name: string; preferred: string; dates_text: string }[]>`
    SELECT m.entity_id, e.type, m.id AS name_id, m.name, p.name AS preferred, e.dates_text
    FROM (
      SELECT n.id, n.entity_id, n.name,
        CASE WHEN n.normalized = ${folded} THEN 3
             WHEN n.normalized LIKE ${folded} || '%' THEN 2
             WHEN n.normalized LIKE '% ' || ${folded} || '%' THEN 1.5
             ELSE 0 END
          + similarity(n.normalized, ${folded}) + CASE WHEN n.is_preferred THEN 0.1 ELSE 0 END AS score
      FROM entity_names n
      WHERE n.normalized LIKE ${folded} || '%'
         OR n.normalized LIKE '% ' || ${folded} || '%'
         OR n.normalized % ${folded}
      ORDER BY score DESC, length(n.name)
      LIMIT ${limit * 5}
    ) m
    JOIN entities e ON e.id = m.entity_id AND e.merged_into_id IS NULL
    JOIN entity_names p ON p.entity_id = m.entity_id AND p.is_preferred
    WHERE (${options.type ?? null}::text IS NULL OR e.type::text = ${options.type ?? null}::text)
      AND (NOT ${options.publishedOnly ?? false} OR EXISTS (SELECT 1 FROM search_documents sd WHERE sd.entity_ids @> ARRAY[m.entity_id]))
    ORDER BY m.score DESC, length(m.name)`;
  const seen = new Set<number>();
  const matches: NameMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.entity_id)) continue;
    seen.add(r.entity_id);
    matches.push({ entityId: r.entity_id, type: r.type, nameId: r.name_id, name: r.name, preferred: r.preferred, datesText: r.dates_text });
    if (matches.length === limit) break;
  }
  return matches;
}
