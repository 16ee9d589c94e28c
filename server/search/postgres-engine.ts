// The built-in search engine: PostgreSQL full-text search over `search_documents`.
// Weighted tsvector (title and every entity name A, summary B, full text C), accent folding
// (dossier_fold in the index, the same folding in queries), prefix matching for
// search-as-you-type, typo tolerance through a lexicon of indexed words (trigram candidates,
// then edit distance), facet counts, date-range filters, highlighted summaries.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { SearchDocument } from "./document";
import {
  FACETS,
  type Facet,
  type FacetValue,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "./engine";
import { allowedEdits, nearestWord, queryTerms, toSearchHit } from "./query-terms";

const { sql, join, raw } = Prisma;

const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;
const FACET_LIMIT = 12;
/** The first relevance tier (title and names) ranks at most this many matches. */
const RANK_CAP = 500;
/** Relevance order reaches this many results in all; date order reaches every result. */
export const RELEVANCE_WINDOW = 1_000;
/** Counts, facets and the timeline are exact up to here, estimated past it ("about 36,000"). */
export const COUNT_CAP = 1_000;
/**
 * A fixed 1-in-64 sample of the index (by a hash of the record id, with its own small indexes):
 * a large result is counted, faceted and charted from its sampled rows, scaled up.
 */
export const SAMPLE_RATE = 64;
const IN_SAMPLE = sql`(hashint4(sd.record_id) & ${raw(String(SAMPLE_RATE - 1))}) = 0`;
/** Results the sample puts above this many matches are not counted exactly. */
const SAMPLED_ABOVE = 2 * COUNT_CAP;
/** Facets and timeline of a large result come from at most this many of its sampled rows. */
const SAMPLE_ROWS = 400;
/** Below this estimated size a date-ordered result is collected and sorted, not walked by index. */
const SORT_IN_MEMORY = 20_000;
/** The word being typed matches at most this many indexed words that start with it. */
const PREFIX_WORDS = 8;
/** Lexicon entries read to choose them (the shortest win). */
const PREFIX_SCAN = 2_000;
/** Matches are marked with control characters, never HTML: the page renders parts as text. */
const HEADLINE_OPTIONS = "StartSel=\u0001, StopSel=\u0002, HighlightAll=true";

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;

  constructor(private readonly db: Db) {}

  async configure(): Promise<void> {
    // The schema (tables, generated tsvector, indexes) is created by migrations.
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rows = documents.map(
      (d) => sql`(${d.id}, ${d.revisionId}, ${d.title}, ${namesText(d)}, ${d.summary}, ${d.fullText}, ${d.dateText},
        ${d.dateEarliest}::date, ${d.dateLatest}::date, ${d.decade}, ${d.documentType}, ${d.language},
        ${d.collections.map((c) => c.id)}::int[], ${[...new Set(d.entities.map((e) => e.id))]}::int[],
        ${idsOfType(d, "person")}::int[], ${idsOfType(d, "organization")}::int[], ${idsOfType(d, "place")}::int[], ${idsOfType(d, "subject")}::int[],
        ${JSON.stringify(d)}::jsonb, now())`,
    );
    await this.db.$transaction([
      this.db.$executeRaw`
        INSERT INTO search_documents (record_id, revision_id, title, names, summary, body, date_text, date_earliest,
          date_latest, decade, document_type, language, collection_ids, entity_ids,
          person_ids, organization_ids, place_ids, subject_ids, document, indexed_at)
        VALUES ${join(rows)}
        ON CONFLICT (record_id) DO UPDATE SET
          revision_id = EXCLUDED.revision_id, title = EXCLUDED.title, names = EXCLUDED.names,
          summary = EXCLUDED.summary, body = EXCLUDED.body, date_text = EXCLUDED.date_text,
          date_earliest = EXCLUDED.date_earliest, date_latest = EXCLUDED.date_latest, decade = EXCLUDED.decade,
          document_type = EXCLUDED.document_type, language = EXCLUDED.language,
          collection_ids = EXCLUDED.collection_ids, entity_ids = EXCLUDED.entity_ids,
          person_ids = EXCLUDED.person_ids, organization_ids = EXCLUDED.organization_ids,
          place_ids = EXCLUDED.place_ids, subject_ids = EXCLUDED.subject_ids,
          document = EXCLUDED.document, indexed_at = EXCLUDED.indexed_at`,
      // Words for typo tolerance; stale words are harmless (a correction that finds nothing).
      this.db.$executeRaw`
        INSERT INTO search_lexicon (word)
        SELECT DISTINCT w FROM search_documents, unnest(tsvector_to_array(tsv)) AS w
        WHERE record_id = ANY(${documents.map((d) => d.id)}::int[]) AND length(w) BETWEEN 3 AND 40
        ON CONFLICT DO NOTHING`,
    ]);
  }

  async delete(recordIds: number[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.db.$executeRaw`DELETE FROM search_documents WHERE record_id = ANY(${recordIds}::int[])`;
  }

  /**
   * The index is a table in the same database, so the rebuild writes every document into the
   * live table (each upsert atomic, MVCC keeps readers on a complete index), then sweeps the rows
   * it did not write. A table swap by rename would leave the migration-managed index names behind.
   * See docs/decisions/0005-search-engines-and-outbox.md.
   */
  async rebuild(documents: AsyncIterable<SearchDocument[]>, onProgress?: (indexed: number) => void): Promise<number> {
    const [row] = await this.db.$queryRaw<{ started: Date }[]>`SELECT now() AS started`;
    let indexed = 0;
    for await (const batch of documents) {
      await this.upsert(batch);
      indexed += batch.length;
      onProgress?.(indexed);
    }
    await this.db.$executeRaw`DELETE FROM search_documents WHERE indexed_at < ${row!.started}`;
    return indexed;
  }

  async indexedRevisions(): Promise<Map<number, number>> {
    const rows = await this.db.$queryRaw<{ record_id: number; revision_id: number }[]>`
      SELECT record_id, revision_id FROM search_documents`;
    return new Map(rows.map((r) => [r.record_id, r.revision_id]));
  }

  async health() {
    try {
      await this.db.$queryRaw`SELECT 1 FROM search_documents LIMIT 1`;
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: (error as Error).message.split("\n")[0] };
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const terms = queryTerms(query.q);
    const { tsquery, corrections, expansions } = await this.buildTsQuery(terms);
    const matchTerms = [...terms, ...Object.values(corrections), ...expansions];

    // Filters (without the words): several values of one facet match any (OR), facets combine (AND).
    const filters: Prisma.Sql[] = [];
    const f = query.filters;
    // Each facet as keys of the generated facet_keys column, indexed with the words (one GIN scan).
    const keys = (prefix: string, values: (string | number)[]) => filters.push(sql`sd.facet_keys && ${values.map((v) => `${prefix}${v}`)}::text[]`);
    if (f.collection.length) keys("c", f.collection);
    for (const facet of ENTITY_FACETS) {
      if (f[facet].length) keys("e", f[facet]);
    }
    if (f.language.length) keys("l", f.language);
    if (f.type.length) keys("t", f.type);
    // The decades again as a range of the date index, for walking a large result in date order:
    // the walk starts where those records sit (decade and date are correlated; the planner
    // cannot know). Only there: elsewhere it would AND a 100,000-row date range into the bitmap.
    let decadeRange: Prisma.Sql | null = null;
    if (f.decade.length) {
      keys("d", f.decade);
      decadeRange = sql`sd.date_earliest >= ${yearStart(Math.min(...f.decade))} AND sd.date_earliest < ${yearStart(Math.max(...f.decade) + 10)}`;
    }
    if (query.from !== undefined) filters.push(sql`sd.date_latest >= ${yearStart(query.from)}`);
    if (query.to !== undefined) filters.push(sql`sd.date_earliest < ${yearStart(query.to + 1)}`);

    // A query of only punctuation has no terms and browses like an empty query (as Meilisearch does).
    const tsq = tsquery ? sql`to_tsquery('simple', ${tsquery})` : null;
    const where = whereOf(tsq ? [sql`sd.tsv @@ ${tsq}`, ...filters] : filters);
    const offset = (query.page - 1) * query.pageSize;

    // The sample is read at most once per search (date order and the aggregates both use it).
    let sampled: Promise<Sampled> | undefined;
    const sample = () => (sampled ??= this.sample(where));
    const estimate = async () => (await sample()).estimate;
    const [hitRows, aggregates] = await Promise.all([
      tsq && query.sort === "relevance" ? this.rankedHits(tsq, filters, where, offset, query.pageSize) : this.datedHits(tsq, where, decadeRange, query, offset, estimate),
      this.aggregates(where, sample),
    ]);
    const hits: SearchHit[] = hitRows.map((row) => toSearchHit(row.document, row.headline, matchTerms));
    const ranked = tsq !== null && query.sort === "relevance";

    return {
      total: aggregates.total,
      totalIsLowerBound: aggregates.totalIsLowerBound,
      isEstimate: aggregates.isEstimate,
      reachable: ranked ? Math.min(aggregates.total, RELEVANCE_WINDOW) : aggregates.total,
      page: query.page,
      pageSize: query.pageSize,
      hits,
      facets: aggregates.facets,
      timeline: aggregates.timeline,
      correctedQuery: Object.keys(corrections).length
        ? terms.map((t) => corrections[t] ?? t).join(" ")
        : null,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Relevance in two tiers, as Meilisearch's "attribute" rule does: records whose title or names
   * hold every word come first, ranked by ts_rank over that short, inline vector (a separate
   * small GIN index finds them: no full-text posting list is read); then the other matches,
   * newest first. Each tier reads at most RANK_CAP matches, so a common word never ranks the
   * whole archive, and the full tsvector (large, stored out of line) is never read to rank.
   */
  private async rankedHits(tsq: Prisma.Sql, filters: Prisma.Sql[], where: Prisma.Sql, offset: number, pageSize: number): Promise<HitRow[]> {
    const headWhere = whereOf([sql`sd.head_tsv @@ ${tsq}`, ...filters]);
    const head = await this.db.$queryRaw<HitRow[]>`
      WITH head AS MATERIALIZED (
        SELECT sd.record_id, sd.date_earliest, ts_rank(sd.head_tsv, ${tsq}) AS rank FROM search_documents sd ${headWhere} LIMIT ${RANK_CAP}
      ), top AS (
        SELECT record_id, rank, date_earliest FROM head ORDER BY rank DESC, date_earliest DESC, record_id LIMIT ${pageSize} OFFSET ${offset}
      )
      SELECT sd.record_id, sd.document, ts_headline('simple', sd.summary, ${tsq}, ${HEADLINE_OPTIONS}) AS headline,
        (SELECT count(*)::int FROM head) AS tier_size
      FROM top JOIN search_documents sd USING (record_id)
      ORDER BY top.rank DESC, top.date_earliest DESC, sd.record_id`;
    // An empty page says nothing about the tier's size: count it (cheap, bounded) when needed.
    const headSize = head[0]?.tier_size ?? (offset > 0 ? await this.countUpTo(headWhere, RANK_CAP) : 0);
    if (head.length === pageSize) return head;
    // The rest: matches outside the title and names, newest first, after the first tier; the
    // window depends only on the query, so pages never overlap.
    const restOffset = Math.max(0, offset - headSize);
    const restWindow = RELEVANCE_WINDOW - headSize;
    if (restOffset >= restWindow) return head;
    const rest = await this.db.$queryRaw<HitRow[]>`
      WITH body AS MATERIALIZED (
        SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where} AND NOT (sd.head_tsv @@ ${tsq}) LIMIT ${restWindow}
      ), top AS (
        SELECT record_id, date_earliest FROM body ORDER BY date_earliest DESC, record_id DESC LIMIT ${pageSize - head.length} OFFSET ${restOffset}
      )
      SELECT sd.record_id, sd.document, ts_headline('simple', sd.summary, ${tsq}, ${HEADLINE_OPTIONS}) AS headline
      FROM top JOIN search_documents sd USING (record_id)
      ORDER BY top.date_earliest DESC, sd.record_id DESC`;
    return [...head, ...rest];
  }

  /**
   * Date order (a sort chosen by the reader, or browsing without words). A large result walks the
   * date index and stops at the page; a small one is collected first and sorted, which the
   * planner would not choose by itself when the filters are correlated with date (it would walk
   * the index through every record before the ones that match).
   */
  private async datedHits(
    tsq: Prisma.Sql | null,
    where: Prisma.Sql,
    decadeRange: Prisma.Sql | null,
    query: SearchQuery,
    offset: number,
    estimate: () => Promise<number>,
  ): Promise<HitRow[]> {
    const byDate = query.sort === "newest" ? sql`DESC` : query.sort === "oldest" || !tsq ? sql`ASC` : sql`DESC`;
    const headline = tsq ? sql`ts_headline('simple', sd.summary, ${tsq}, ${HEADLINE_OPTIONS})` : sql`sd.summary`;
    const small = (await estimate()) <= SORT_IN_MEMORY;
    return this.db.$queryRaw<HitRow[]>(
      small
        ? sql`
          WITH m AS MATERIALIZED (SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where}),
          top AS (SELECT record_id, date_earliest FROM m ORDER BY date_earliest ${byDate}, record_id ${byDate} LIMIT ${query.pageSize} OFFSET ${offset})
          SELECT sd.record_id, sd.document, ${headline} AS headline
          FROM top JOIN search_documents sd USING (record_id)
          ORDER BY top.date_earliest ${byDate}, sd.record_id ${byDate}`
        : sql`
          SELECT sd.record_id, sd.document, ${headline} AS headline
          FROM search_documents sd ${where} ${decadeRange ? sql`AND ${decadeRange}` : sql``}
          ORDER BY sd.date_earliest ${byDate}, sd.record_id ${byDate}
          LIMIT ${query.pageSize} OFFSET ${offset}`,
    );
  }

  private async countUpTo(where: Prisma.Sql, cap: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_documents sd ${where} LIMIT ${cap}) x`;
    return row!.n;
  }

  /**
   * A tsquery for the terms. The last term is the one still being typed: it matches the words
   * that start with it, found in the lexicon (at most PREFIX_WORDS, the shortest first) rather
   * than by a prefix scan of the full-text index, which reads every matching posting list twice.
   * A term that no indexed word starts with is replaced by its nearest indexed word (typo
   * tolerance), which the result page reports as a corrected query.
   */
  private async buildTsQuery(
    terms: string[],
  ): Promise<{ tsquery: string | null; corrections: Record<string, string>; expansions: string[] }> {
    if (terms.length === 0) return { tsquery: null, corrections: {}, expansions: [] };
    // No prototype: a search for "constructor" must not find Object's.
    const corrections: Record<string, string> = Object.create(null);
    const last = terms[terms.length - 1]!;
    // Words starting with each term (for the last one: its completions; for others: does it exist).
    const rows = await this.db.$queryRaw<{ term: string; words: string[] }[]>`
      SELECT t AS term, ARRAY(
        SELECT word FROM (SELECT word FROM search_lexicon WHERE word LIKE t || '%' LIMIT ${PREFIX_SCAN}) w
        ORDER BY length(word), word LIMIT CASE WHEN t = ${last} THEN ${PREFIX_WORDS}::int ELSE 1 END
      ) AS words
      FROM unnest(${terms}::text[]) AS t`;
    const startsWith = new Map(rows.map((r) => [r.term, r.words.filter((w) => /^[\p{L}\p{N}]+$/u.test(w))]));
    for (const term of terms.filter((t) => (startsWith.get(t) ?? []).length === 0 && allowedEdits(t) > 0)) {
      const candidates = await this.db.$queryRaw<{ word: string }[]>`
        SELECT word FROM search_lexicon
        WHERE word % ${term} AND abs(length(word) - ${term.length}) <= 2
        ORDER BY similarity(word, ${term}) DESC LIMIT 50`;
      const nearest = nearestWord(term, candidates.map((c) => c.word));
      if (nearest) corrections[term] = nearest;
    }
    const completions = (startsWith.get(last) ?? []).filter((w) => w !== last);
    const part = (term: string) => {
      const alternatives = [term, ...(corrections[term] ? [corrections[term]] : []), ...(term === last ? completions : [])];
      return alternatives.length === 1 ? term : `(${alternatives.join(" | ")})`;
    };
    // Terms and the lexicon words used contain only letters and digits: safe tsquery operands.
    return { tsquery: terms.map(part).join(" & "), corrections, expansions: completions };
  }

  /**
   * Count, facet counts and timeline. A result the sample puts above SAMPLED_ABOVE matches is
   * read from the sample alone (a few hundred rows at most for any word) and scaled: the page
   * says "about 36,000" and marks facet counts "≈". Otherwise the matches are counted exactly,
   * reading at most COUNT_CAP + 1 of them; if there are more after all, the total is the
   * sample's estimate and the first COUNT_CAP matches are scaled to it (the rebuild writes rows
   * in a shuffled order, so they are a fair sample rather than the oldest records).
   */
  private async aggregates(where: Prisma.Sql, sample: () => Promise<Sampled>): Promise<{
    total: number;
    totalIsLowerBound: boolean;
    isEstimate: boolean;
    facets: Record<Facet, FacetValue[]>;
    timeline: { year: number; count: number }[];
  }> {
    const { row: fromSample, estimate: sampleEstimate } = await sample();
    const large = sampleEstimate > SAMPLED_ABOVE;
    const row = large ? fromSample : await this.aggregateRow(where, COUNT_CAP + 1);
    const estimated = large || row.total > COUNT_CAP;
    // Past the cap: the sample's estimate, never below what was seen.
    const total = estimated ? Math.max(sampleEstimate, COUNT_CAP + 1) : row.total;
    const scale = (n: number) => (estimated ? roundEstimate((n * total) / Math.max(1, row.total)) : n);
    const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
    facets.collection = row.collections.map((c) => ({ value: String(c.value), label: c.label, count: scale(c.count) }));
    for (const type of ENTITY_FACETS) facets[type] = row[type].map((e) => ({ value: String(e.value), label: e.label, count: scale(e.count) }));
    facets.language = row.languages.map((l) => ({ value: l.value, label: l.value, count: scale(l.count) }));
    facets.type = row.types.map((t) => ({ value: t.value, label: t.value, count: scale(t.count) }));
    facets.decade = row.decades.map((d) => ({ value: String(d.value), label: `${d.value}s`, count: scale(d.count) }));
    return {
      total: estimated ? roundEstimate(total) : total,
      totalIsLowerBound: false,
      isEstimate: estimated,
      facets,
      timeline: row.timeline.map((t) => ({ year: t.year, count: scale(t.count) })),
    };
  }

  /**
   * The sampled rows matching `where`: their aggregates (the first SAMPLE_ROWS + 1 of them) and
   * the result size they suggest. A result so large that even its sampled rows pass the cap
   * (over ~25,600 matches) is sized by the planner instead, from its statistics (no rows read).
   */
  private async sample(where: Prisma.Sql): Promise<Sampled> {
    const row = await this.aggregateRow(sql`${where} AND ${IN_SAMPLE}`, SAMPLE_ROWS + 1);
    if (row.total <= SAMPLE_ROWS) return { row, estimate: row.total * SAMPLE_RATE };
    const [plan] = await this.db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
      EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents sd ${where}`;
    return { row, estimate: Math.max(Math.round(plan!["QUERY PLAN"][0].Plan["Plan Rows"]), row.total * SAMPLE_RATE) };
  }

  /** Count, facet counts and timeline of the rows matching `where` (the first `limit` of them). */
  private async aggregateRow(where: Prisma.Sql, limit: number): Promise<AggregateRow> {
    const [row] = await this.db.$queryRaw<AggregateRow[]>`
      WITH m AS MATERIALIZED (
        SELECT sd.collection_ids, sd.person_ids, sd.organization_ids, sd.place_ids, sd.subject_ids,
          sd.language, sd.document_type, sd.decade, sd.date_earliest, sd.date_latest
        FROM search_documents sd ${where} LIMIT ${limit}
      )
      SELECT
        (SELECT count(*)::int FROM m) AS total,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('value', c.id, 'label', c.title, 'count', x.n) ORDER BY x.n DESC, c.title), '[]')
          FROM (SELECT cid, count(*)::int AS n FROM (SELECT unnest(m.collection_ids) AS cid FROM m) u GROUP BY cid ORDER BY n DESC LIMIT ${FACET_LIMIT}) x
          JOIN collections c ON c.id = x.cid) AS collections,
        ${join(ENTITY_FACETS.map((type) => entityFacetSql(type)), ", ")},
        (SELECT coalesce(jsonb_agg(jsonb_build_object('value', x.language, 'count', x.n) ORDER BY x.n DESC, x.language), '[]')
          FROM (SELECT language, count(*)::int AS n FROM m GROUP BY language ORDER BY n DESC LIMIT ${FACET_LIMIT}) x) AS languages,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('value', x.document_type, 'count', x.n) ORDER BY x.n DESC, x.document_type), '[]')
          FROM (SELECT document_type, count(*)::int AS n FROM m GROUP BY document_type ORDER BY n DESC LIMIT ${FACET_LIMIT}) x) AS types,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('value', x.decade, 'count', x.n) ORDER BY x.decade), '[]')
          FROM (SELECT decade, count(*)::int AS n FROM m GROUP BY decade) x) AS decades,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('year', x.y, 'count', x.n) ORDER BY x.y), '[]')
          FROM (SELECT y, count(*)::int AS n FROM m,
            generate_series(EXTRACT(YEAR FROM m.date_earliest)::int,
              CASE WHEN EXTRACT(YEAR FROM m.date_latest) - EXTRACT(YEAR FROM m.date_earliest) < 20
                THEN EXTRACT(YEAR FROM m.date_latest)::int ELSE EXTRACT(YEAR FROM m.date_earliest)::int END) AS y
            GROUP BY y) x) AS timeline`;
    return row!;
  }
}

type Sampled = { row: AggregateRow; estimate: number };

type AggregateRow = {
  total: number;
  collections: { value: number; label: string; count: number }[];
  person: EntityFacetRow[];
  organization: EntityFacetRow[];
  place: EntityFacetRow[];
  subject: EntityFacetRow[];
  languages: { value: string; count: number }[];
  types: { value: string; count: number }[];
  decades: { value: number; count: number }[];
  timeline: { year: number; count: number }[];
};

type HitRow = { record_id: number; document: SearchDocument; headline: string; tier_size?: number };

/**
 * 1 January of a year (astronomical numbering, as EDTF: 0 is 1 BC) as a SQL date. PostgreSQL has
 * no year 0 (1 BC is -1) and no date before 4713 BC, so earlier years mean its first day.
 */
function yearStart(year: number): Prisma.Sql {
  return sql`make_date(${Math.max(year > 0 ? year : year - 1, -4713)}::int, 1, 1)`;
}

function whereOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : sql`WHERE true`;
}

/** Two significant digits: an estimate should not look more precise than it is (36,155 -> 36,000). */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.max(1, Math.round(n));
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

type EntityFacetRow = { value: number; label: string; count: number };

/** Top entities of one type among the matches, named by their preferred name. */
function entityFacetSql(type: (typeof ENTITY_FACETS)[number]): Prisma.Sql {
  const column = raw(`${type}_ids`); // one of four fixed column names, never input
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('value', x.id, 'label', nm.name, 'count', x.n) ORDER BY x.n DESC, nm.name), '[]')
    FROM (SELECT id, count(*)::int AS n FROM (SELECT unnest(m.${column}) AS id FROM m) u GROUP BY id ORDER BY n DESC, id LIMIT ${FACET_LIMIT}) x
    JOIN entity_names nm ON nm.entity_id = x.id AND nm.is_preferred) AS ${raw(`"${type}"`)}`;
}

function idsOfType(doc: SearchDocument, type: string): number[] {
  return [...new Set(doc.entities.filter((e) => e.type === type).map((e) => e.id))];
}

/** Every name of every mentioned entity, one per line (the tsvector's names part). */
function namesText(doc: SearchDocument): string {
  return doc.entities.flatMap((e) => [e.name, ...e.variants]).join("\n");
}
