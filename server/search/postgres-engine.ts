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

const { sql, join, empty, raw } = Prisma;

const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;
const FACET_LIMIT = 12;
/** Relevance ranks at most this many matches. */
const RANK_CAP = 2_000;
/** Counts, facets and the timeline stop counting here ("10,000+"). */
const COUNT_CAP = 10_000;
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
    const { tsquery, corrections } = await this.buildTsQuery(terms);
    const matchTerms = [...terms, ...Object.values(corrections)];

    const conditions: Prisma.Sql[] = [];
    // A query of only punctuation has no terms and browses like an empty query (as Meilisearch does).
    if (tsquery) conditions.push(sql`sd.tsv @@ to_tsquery('simple', ${tsquery})`);
    const f = query.filters;
    if (f.collection.length) conditions.push(sql`sd.collection_ids && ${f.collection}::int[]`);
    for (const facet of ENTITY_FACETS) {
      // Several values of one facet: any of them (OR); different facets: all (AND).
      if (f[facet].length) conditions.push(sql`sd.entity_ids && ${f[facet]}::int[]`);
    }
    if (f.language.length) conditions.push(sql`sd.language = ANY(${f.language}::text[])`);
    if (f.type.length) conditions.push(sql`sd.document_type = ANY(${f.type}::text[])`);
    if (f.decade.length) conditions.push(sql`sd.decade = ANY(${f.decade}::int[])`);
    if (query.from !== undefined) conditions.push(sql`sd.date_latest >= make_date(${query.from}::int, 1, 1)`);
    if (query.to !== undefined) conditions.push(sql`sd.date_earliest <= make_date(${query.to}::int, 12, 31)`);
    const where = conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : empty;

    const tsq = tsquery ? sql`to_tsquery('simple', ${tsquery})` : null;
    const offset = (query.page - 1) * query.pageSize;
    const byDate = query.sort === "oldest" || (query.sort === "relevance" && !tsq) ? sql`ASC` : sql`DESC`;

    // Relevance ranks at most RANK_CAP matches: a common word must not rank the whole archive.
    const hitsQuery =
      tsq && query.sort === "relevance"
        ? sql`
          WITH m AS (SELECT sd.record_id, sd.tsv FROM search_documents sd ${where} LIMIT ${RANK_CAP})
          SELECT sd.record_id, sd.document, ts_headline('simple', sd.summary, ${tsq}, ${HEADLINE_OPTIONS}) AS headline
          FROM (SELECT record_id, ts_rank(tsv, ${tsq}) AS rank FROM m ORDER BY rank DESC, record_id LIMIT ${query.pageSize} OFFSET ${offset}) top
          JOIN search_documents sd USING (record_id)
          ORDER BY top.rank DESC, sd.record_id`
        : sql`
          SELECT sd.record_id, sd.document, ${tsq ? sql`ts_headline('simple', sd.summary, ${tsq}, ${HEADLINE_OPTIONS})` : sql`sd.summary`} AS headline
          FROM search_documents sd ${where}
          ORDER BY sd.date_earliest ${byDate}, sd.record_id ${byDate}
          LIMIT ${query.pageSize} OFFSET ${offset}`;

    const [hitRows, aggregates] = await Promise.all([
      this.db.$queryRaw<{ record_id: number; document: SearchDocument; headline: string }[]>(hitsQuery),
      this.aggregates(where),
    ]);
    const hits: SearchHit[] = hitRows.map((row) => toSearchHit(row.document, row.headline, matchTerms));

    return {
      total: Math.min(aggregates.total, COUNT_CAP),
      totalIsLowerBound: aggregates.total > COUNT_CAP,
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
   * A tsquery for the terms: each term as a prefix (search as you type), OR its nearest indexed
   * word when the term itself matches no indexed word (typo tolerance).
   */
  private async buildTsQuery(terms: string[]): Promise<{ tsquery: string | null; corrections: Record<string, string> }> {
    if (terms.length === 0) return { tsquery: null, corrections: {} };
    const corrections: Record<string, string> = {};
    const typoCandidates = terms.filter((t) => allowedEdits(t) > 0);
    if (typoCandidates.length) {
      const known = await this.db.$queryRaw<{ term: string }[]>`
        SELECT t AS term FROM unnest(${typoCandidates}::text[]) AS t
        WHERE EXISTS (SELECT 1 FROM search_lexicon WHERE word LIKE t || '%')`;
      const knownTerms = new Set(known.map((k) => k.term));
      for (const term of typoCandidates.filter((t) => !knownTerms.has(t))) {
        const candidates = await this.db.$queryRaw<{ word: string }[]>`
          SELECT word FROM search_lexicon
          WHERE word % ${term} AND abs(length(word) - ${term.length}) <= 2
          ORDER BY similarity(word, ${term}) DESC LIMIT 50`;
        const nearest = nearestWord(term, candidates.map((c) => c.word));
        if (nearest) corrections[term] = nearest;
      }
    }
    // Prefix matching on the last word only: the one still being typed.
    const part = (term: string, i: number) => {
      const own = i === terms.length - 1 ? `${term}:*` : term;
      return corrections[term] ? `(${own} | ${corrections[term]})` : own;
    };
    // Terms contain only letters and digits (queryTerms), so they are safe tsquery operands.
    return { tsquery: terms.map(part).join(" & "), corrections };
  }

  /**
   * Count, facet counts and timeline in one query over at most COUNT_CAP + 1 matches, read once.
   * Past the cap the figures describe the first matches and the total is shown as "10,000+".
   */
  private async aggregates(where: Prisma.Sql): Promise<{ total: number; facets: Record<Facet, FacetValue[]>; timeline: { year: number; count: number }[] }> {
    const [row] = await this.db.$queryRaw<
      {
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
      }[]
    >`
      WITH m AS MATERIALIZED (
        SELECT sd.collection_ids, sd.person_ids, sd.organization_ids, sd.place_ids, sd.subject_ids,
          sd.language, sd.document_type, sd.decade, sd.date_earliest, sd.date_latest
        FROM search_documents sd ${where} LIMIT ${COUNT_CAP + 1}
      )
      SELECT
        (SELECT count(*)::int FROM m) AS total,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('value', c.id, 'label', c.title, 'count', x.n) ORDER BY x.n DESC, c.title), '[]')
          FROM (SELECT cid, count(*)::int AS n FROM m, unnest(m.collection_ids) AS cid GROUP BY cid ORDER BY n DESC LIMIT ${FACET_LIMIT}) x
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
    const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
    facets.collection = row!.collections.map((c) => ({ value: String(c.value), label: c.label, count: c.count }));
    for (const type of ENTITY_FACETS) facets[type] = row![type].map((e) => ({ value: String(e.value), label: e.label, count: e.count }));
    facets.language = row!.languages.map((l) => ({ value: l.value, label: l.value, count: l.count }));
    facets.type = row!.types.map((t) => ({ value: t.value, label: t.value, count: t.count }));
    facets.decade = row!.decades.map((d) => ({ value: String(d.value), label: `${d.value}s`, count: d.count }));
    return { total: row!.total, facets, timeline: row!.timeline };
  }
}

type EntityFacetRow = { value: number; label: string; count: number };

/** Top entities of one type among the matches, named by their preferred name. */
function entityFacetSql(type: (typeof ENTITY_FACETS)[number]): Prisma.Sql {
  const column = raw(`${type}_ids`); // one of four fixed column names, never input
  return sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('value', x.id, 'label', nm.name, 'count', x.n) ORDER BY x.n DESC, nm.name), '[]')
    FROM (SELECT id, count(*)::int AS n FROM m, unnest(m.${column}) AS id GROUP BY id ORDER BY n DESC, id LIMIT ${FACET_LIMIT}) x
    JOIN entity_names nm ON nm.entity_id = x.id AND nm.is_preferred) AS ${raw(`"${type}"`)}`;
}

function idsOfType(doc: SearchDocument, type: string): number[] {
  return [...new Set(doc.entities.filter((e) => e.type === type).map((e) => e.id))];
}

/** Every name of every mentioned entity, one per line (the tsvector's names part). */
function namesText(doc: SearchDocument): string {
  return doc.entities.flatMap((e) => [e.name, ...e.variants]).join("\n");
}
