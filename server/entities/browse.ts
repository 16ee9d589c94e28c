// Browse pages: the people, organizations, places and subjects that published records mention,
// with how many records each, by first letter, filtered by any of their names.
import type { DbOrTx } from "../db";
import type { EntityType } from "../generated/prisma/enums";
import { normalizeName } from "./names";

export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
/** "#" stands for names that do not start with a Latin letter (Hangul, Han, Cyrillic, digits). */
export const OTHER = "#";

export interface BrowseQuery {
  type: EntityType;
  letter?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function browseEntities(db: DbOrTx, query: BrowseQuery) {
  const folded = query.q ? normalizeName(query.q).slice(0, 100) : "";
  const letter = query.letter && (LETTERS.includes(query.letter) || query.letter === OTHER) ? query.letter : null;
  // Entities of this type with at least one published record, and their counts.
  const counted = (extra: string) => `
    SELECT e.id, p.name, p.normalized, count(DISTINCT r.id)::int AS records
    FROM entities e
    JOIN entity_names p ON p.entity_id = e.id AND p.is_preferred
    JOIN mentions m ON m.entity_id = e.id
    JOIN records r ON r.published_revision_id = m.revision_id AND r.status = 'published'
    WHERE e.type::text = $1 AND e.merged_into_id IS NULL
      AND ($2 = '' OR EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND n.normalized LIKE '%' || $2 || '%'))
      ${extra}
    GROUP BY e.id, p.name, p.normalized`;
  const letterFilter = `AND ($3::text IS NULL OR (CASE WHEN upper(left(p.normalized, 1)) BETWEEN 'A' AND 'Z' THEN upper(left(p.normalized, 1)) ELSE '${OTHER}' END) = $3)`;
  const [rows, letters, total] = await Promise.all([
    db.$queryRawUnsafe<{ id: number; name: string; records: number }[]>(
      `${counted(letterFilter)} ORDER BY p.normalized, e.id LIMIT $4 OFFSET $5`,
      query.type, folded, letter, query.pageSize, (query.page - 1) * query.pageSize,
    ),
    db.$queryRawUnsafe<{ letter: string; count: number }[]>(
      `SELECT CASE WHEN upper(left(c.normalized, 1)) BETWEEN 'A' AND 'Z' THEN upper(left(c.normalized, 1)) ELSE '${OTHER}' END AS letter, count(*)::int AS count
       FROM (${counted("")}) c GROUP BY 1`,
      query.type, folded,
    ),
    db.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM (${counted(letterFilter)}) c`, query.type, folded, letter),
  ]);
  return {
    entities: rows,
    total: total[0]?.count ?? 0,
    letters: Object.fromEntries(letters.map((l) => [l.letter, l.count])) as Record<string, number>,
    letter,
  };
}
