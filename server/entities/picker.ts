// Finding entities by any of their names as someone types: accent- and case-insensitive (names
// are matched in their normalized form), in tiers that each use an index and stop early:
//   1. whole-name prefix ("choe yeo"): a byte-order range scan of entity_names.normalized;
//   2. word prefix ("yeong", "geon"): the full-text index over the name's words;
//   3. typos ("shytkov"): pg_trgm word similarity over the trigram index, with a strict threshold.
// One row per entity, with the name that matched, so a picker can say "matched as Choe Yeonggeon".
import type { Db } from "../db";
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

interface NameRow {
  id: number;
  entity_id: number;
  name: string;
  normalized: string;
  is_preferred: boolean;
}

/** The smallest string greater than every string starting with `prefix` (byte order). */
function prefixUpperBound(prefix: string) {
  const chars = Array.from(prefix);
  const last = chars.pop()!;
  return chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}

export async function matchEntityNames(
  db: Db,
  q: string,
  options: { type?: EntityType; limit?: number; publishedOnly?: boolean } = {},
): Promise<NameMatch[]> {
  const folded = normalizeName(q).slice(0, 100);
  if (folded.length === 0) return [];
  const limit = options.limit ?? 10;
  const want = limit * 4;
  const candidates: (NameRow & { tier: number; position: number })[] = [];
  const seenNames = new Set<number>();
  const entities = () => new Set(candidates.map((c) => c.entity_id)).size;
  const add = (rows: NameRow[], tier: number) => {
    for (const row of rows) {
      if (seenNames.has(row.id)) continue;
      seenNames.add(row.id);
      candidates.push({ ...row, tier, position: candidates.length });
    }
  };

  add(
    await db.$queryRaw<NameRow[]>`
      SELECT id, entity_id, name, normalized, is_preferred FROM entity_names
      WHERE normalized COLLATE "C" >= ${folded} AND normalized COLLATE "C" < ${prefixUpperBound(folded)}
      ORDER BY normalized COLLATE "C", is_preferred DESC LIMIT ${want}`,
    0,
  );
  if (entities() < limit && folded.length >= 2) {
    const words = folded.split(" ");
    const tsquery = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ");
    add(
      await db.$queryRaw<NameRow[]>`
        SELECT id, entity_id, name, normalized, is_preferred FROM entity_names
        WHERE to_tsvector('simple', normalized) @@ to_tsquery('simple', ${tsquery}) LIMIT ${want}`,
      1,
    );
  }
  // Typos: a strict word similarity first; a looser one only when nothing else matched.
  for (const threshold of [0.5, 0.3]) {
    if (folded.length < 4 || entities() >= limit || (threshold < 0.5 && candidates.length > 0)) break;
    const [, rows] = await db.$transaction([
      db.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`,
      db.$queryRaw<NameRow[]>`
        SELECT id, entity_id, name, normalized, is_preferred FROM entity_names
        WHERE ${folded} <% normalized ORDER BY word_similarity(${folded}, normalized) DESC LIMIT ${want}`,
    ]);
    add(rows, 2);
  }
  if (candidates.length === 0) return [];

  const ids = [...new Set(candidates.map((c) => c.entity_id))];
  const info = await db.$queryRaw<{ id: number; type: EntityType; dates_text: string; preferred: string }[]>`
    SELECT e.id, e.type, e.dates_text, p.name AS preferred
    FROM entities e JOIN entity_names p ON p.entity_id = e.id AND p.is_preferred
    WHERE e.id = ANY(${ids}) AND e.merged_into_id IS NULL
      AND (${options.type ?? null}::text IS NULL OR e.type::text = ${options.type ?? null}::text)
      AND (NOT ${options.publishedOnly ?? false} OR EXISTS (SELECT 1 FROM search_documents sd WHERE sd.entity_ids @> ARRAY[e.id]))`;
  const byId = new Map(info.map((e) => [e.id, e]));

  // Exact names first; typo matches keep the database's similarity order; else preferred, shorter.
  const score = (c: (typeof candidates)[number]) =>
    [c.tier, c.normalized === folded ? 0 : 1, c.tier === 2 ? c.position : c.is_preferred ? 0 : 1, c.name.length];
  const ranked = candidates
    .filter((c) => byId.has(c.entity_id))
    .sort((a, b) => {
      const [x, y] = [score(a), score(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return 0;
    });
  const matches: NameMatch[] = [];
  for (const c of ranked) {
    if (matches.some((m) => m.entityId === c.entity_id)) continue;
    const e = byId.get(c.entity_id)!;
    matches.push({ entityId: e.id, type: e.type, nameId: c.id, name: c.name, preferred: e.preferred, datesText: e.dates_text });
    if (matches.length === limit) break;
  }
  return matches;
}
