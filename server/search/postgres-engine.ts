// The built-in search engine: PostgreSQL full-text search over `search_documents`.
// Weighted tsvector (title and every entity name A, summary B, full text C), accent folding
// (dossier_fold in the index, the same folding in queries), prefix matching for
// search-as-you-type, typo tolerance through a lexicon of indexed words (trigram candidates,
// then edit distance), facet counts, date-range filters, highlighted summaries.
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { MAX_YEARS, type SearchDocument } from "./document";
import {
  FACETS,
  NOTHING_UNDERSTOOD,
  type Facet,
  type FacetValue,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
  type Understood,
} from "./engine";
import { addWords, typoCandidates } from "./postgres/lexicon";
import { allOf, resolveTerms, respelled, type ResolvedTerm } from "./postgres/terms";
import type { QueryDate } from "./query/dates";
import type { ParsedQuery } from "./query/parse";
import { relax, wordWeight, type RelaxPart } from "./query/relax";
import { indexForms, tokenize } from "./query/tokenize";
import { correctedText, markMatches, toSearchHit } from "./query-terms";

const { sql, join, raw } = Prisma;

const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;
const FACET_LIMIT = 12;
/** The first relevance tier (title and names) ranks at most this many matches. */
const RANK_CAP = 500;
/** Relevance order reaches this many results in all; date order reaches every result. */
export const RELEVANCE_WINDOW = 1_000;
/** Relevance order's second tier (matches outside title and names) is newest first within blocks of this many. */
export const REST_BLOCK = 200;
/** Counts, facets and the timeline are exact up to here, estimated past it ("about 36,000"). */
export const COUNT_CAP = 1_000;
/**
 * A fixed 1-in-64 sample of the index (by a hash of the record id, with its own small indexes):
 * a large result is counted, faceted and charted from its sampled rows, scaled up.
 */
export const SAMPLE_RATE = 64;
const IN_SAMPLE = sql`(hashint4(sd.record_id) & ${raw(String(SAMPLE_RATE - 1))}) = 0`;
/** A fixed eighth of the index, with its own GIN index on the title and names (the first relevance tier of common words). */
const IN_HEAD_SAMPLE = sql`(hashint4(sd.record_id) & 7) = 0`;
/** The eighth is tried when the planner expects this many title matches (it then holds ~RANK_CAP * 1.5). */
const HEAD_SAMPLE_FROM = 12 * RANK_CAP;
/**
 * The same rows written as the predicate of the sample's date index, which only browsing without
 * words or filters should use: written alike, the planner ANDs that index's 7,800 rows into
 * filtered searches (5 ms instead of 0.3). x & 63 = 0 and x % 64 = 0 hold for the same integers.
 */
const IN_SAMPLE_BROWSE = sql`(hashint4(sd.record_id) % ${raw(String(SAMPLE_RATE))}) = 0`;
/** Collection or entity values times decades up to this many are looked up as paired keys ("c7@1950"). */
const PAIRED_KEYS = 64;
/** Results the sample puts above this many matches are not counted exactly. */
const SAMPLED_ABOVE = 2 * COUNT_CAP;
/** Facets and timeline of a large result come from at most this many of its sampled rows. */
const SAMPLE_ROWS = 400;
/** Below this estimated size a date-ordered result is collected and sorted, not walked by index. */
const SORT_IN_MEMORY = 20_000;
/** A correction's results are counted up to here to choose between equally near words. */
const CORRECTION_COUNT = 100;
/** A word that exists is tried as at most this many other words when the query matches nothing. */
const MAX_RESPELLINGS = 3;

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;

  private readonly tuning: Tuning;

  /** `tuning`: the thresholds that choose between paths, so tests can take each path on small data. */
  constructor(
    private readonly db: Db,
    tuning: Partial<Tuning> = {},
  ) {
    this.tuning = { sampledAbove: SAMPLED_ABOVE, rankCap: RANK_CAP, headSampleFrom: HEAD_SAMPLE_FROM, ...tuning };
  }

  async configure(): Promise<void> {
    // The schema (tables, generated tsvector, indexes) is created by migrations.
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // Texts are stored as the tokenizer reads them (server/search/query/tokenize.ts): the index,
    // the query and the highlighting then agree on every word. Results show `document`.
    const words = new Set<string>();
    const tokens = (text: string) => {
      const folded = tokenize(text).flatMap(indexForms);
      for (const w of folded) words.add(w);
      return folded.join(" ");
    };
    const rows = documents.map(
      (d) => sql`(${d.id}, ${d.revisionId}, ${tokens(d.title)}, ${tokens(namesText(d))}, ${tokens(d.summary)}, ${tokens(d.fullText)}, ${d.dateText},
        ${d.dateEarliest}::date, ${d.dateLatest}::date, ${d.decade}, ${d.documentType}, ${d.language},
        ${d.collections.map((c) => c.id)}::int[], ${[...new Set(d.entities.map((e) => e.id))]}::int[],
        ${idsOfType(d, "person")}::int[], ${idsOfType(d, "organization")}::int[], ${idsOfType(d, "place")}::int[], ${idsOfType(d, "subject")}::int[],
        ${JSON.stringify(forResults(d))}::jsonb, now())`,
    );
    await this.db.$transaction(async (tx) => {
      await tx.$executeRaw`
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
          document = EXCLUDED.document, indexed_at = EXCLUDED.indexed_at`;
      // Words for completion and typo tolerance; stale words are harmless (a correction that finds nothing).
      await addWords(tx, words);
    });
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

  async search(query: SearchQuery, parsed: ParsedQuery): Promise<SearchResult> {
    const started = performance.now();
    const correct = !query.exact;
    const resolved = await resolveTerms(this.db, parsed.terms, { correct });
    let required = resolved.filter((t) => !t.term.optional);
    let date = parsed.date;
    const understood: Understood = { ...NOTHING_UNDERSTOOD, date };
    if (correct) required = await this.chooseCorrections(query, required, date);

    let run = await this.execute(query, allOf(required), date);
    if (run.aggregates.total === 0 && correct && required.length + (date ? 1 : 0) > 1) {
      const relaxed = await this.relax(query, required, date);
      if (relaxed) {
        understood.omitted = required.filter((t) => !relaxed.terms.some((k) => k.term === t.term)).map((t) => t.term.typed);
        if (date && !relaxed.date) understood.dateOmitted = date;
        required = relaxed.terms;
        date = relaxed.date;
        understood.date = date;
        run = await this.execute(query, allOf(required), date);
      }
    }
    understood.corrections = required.filter((t) => t.corrections.length).map((t) => ({ typed: t.term.typed, used: t.corrections[0]! }));
    const optional = resolved.filter((t) => t.term.optional);
    const matchWords = [...new Set([...required, ...optional].flatMap((t) => t.words))];
    const { aggregates, documents, ranked } = run;
    return {
      total: aggregates.total,
      totalIsLowerBound: aggregates.totalIsLowerBound,
      isEstimate: aggregates.isEstimate,
      reachable: ranked ? Math.min(aggregates.total, RELEVANCE_WINDOW) : aggregates.total,
      page: query.page,
      pageSize: query.pageSize,
      hits: documents.map((doc) => toSearchHit(doc, markMatches(doc.summary, matchWords), matchWords)),
      facets: aggregates.facets,
      timeline: aggregates.timeline,
      correctedQuery: correctedText(parsed, understood.corrections),
      understood,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /** The filters of a search (without its words): facets, the year range and the query's date. */
  private filtersOf(query: SearchQuery, date: QueryDate | null): { filters: Prisma.Sql[]; decadeRange: Prisma.Sql | null } {
    // Several values of one facet match any (OR), facets combine (AND).
    const filters: Prisma.Sql[] = [];
    const f = query.filters;
    // Each facet as keys of the generated facet_keys column, indexed with the words (one GIN scan).
    const keys = (values: string[]) => filters.push(sql`sd.facet_keys && ${values}::text[]`);
    // With decades, collection and entity values are looked up paired with each decade ("c7@1950"):
    // a decade's posting list holds a fifth of an archive, the pair's only the records in both.
    let decadesPaired = false;
    const ids = (prefix: string, values: number[]) => {
      if (values.length === 0) return;
      if (f.decade.length && values.length * f.decade.length <= PAIRED_KEYS) {
        keys(values.flatMap((v) => f.decade.map((d) => `${prefix}${v}@${d}`)));
        decadesPaired = true;
      } else keys(values.map((v) => `${prefix}${v}`));
    };
    ids("c", f.collection);
    for (const facet of ENTITY_FACETS) ids("e", f[facet]);
    if (f.language.length) keys(f.language.map((v) => `l${v}`));
    if (f.type.length) keys(f.type.map((v) => `t${v}`));
    // The decades again as a range of the date index, for walking a large result in date order:
    // the walk starts where those records sit (decade and date are correlated; the planner
    // cannot know). Only there: elsewhere it would AND a 100,000-row date range into the bitmap.
    let decadeRange: Prisma.Sql | null = null;
    if (f.decade.length) {
      if (!decadesPaired) keys(f.decade.map((d) => `d${d}`));
      decadeRange = sql`sd.date_earliest >= ${yearStart(Math.min(...f.decade))} AND sd.date_earliest < ${yearStart(Math.max(...f.decade) + 10)}`;
    }
    if (query.from !== undefined) filters.push(sql`sd.date_latest >= ${yearStart(query.from)}`);
    if (query.to !== undefined) filters.push(sql`sd.date_earliest < ${yearStart(query.to + 1)}`);
    // A date typed in the query: records whose dates overlap it.
    if (date) filters.push(sql`sd.date_latest >= ${date.from}::date AND sd.date_earliest <= ${date.to}::date`);
    return { filters, decadeRange };
  }

  /** One search of the index for these words (a tsquery, or null to browse) and this date. */
  private async execute(query: SearchQuery, tsquery: string | null, date: QueryDate | null) {
    const { filters, decadeRange } = this.filtersOf(query, date);
    const tsq = tsquery ? sql`to_tsquery('simple', ${tsquery})` : null;
    const where = whereOf(tsq ? [sql`sd.tsv @@ ${tsq}`, ...filters] : filters);
    const offset = (query.page - 1) * query.pageSize;

    // The sample (a few hundred rows at most) tells a large result from one counted exactly.
    const sampled = this.sample(where, tsq === null && filters.length === 0);
    // Awaited later, after other statements: a failure meanwhile must not count as unhandled.
    sampled.catch(() => undefined);
    const ranked = tsq !== null && query.sort === "relevance";
    const found = ranked
      ? await this.rankedHits(tsq, filters, where, offset, query.pageSize, sampled)
      : await this.datedHits(tsq, where, decadeRange, query, offset, sampled);
    const aggregates = await this.aggregates(found.keys, await sampled);
    return { documents: found.documents, aggregates, ranked };
  }

  /** For each set of terms and date: does any record match it (with the search's filters)? One statement. */
  private async matchesAny(query: SearchQuery, sets: { terms: ResolvedTerm[]; date: QueryDate | null }[]): Promise<boolean[]> {
    if (sets.length === 0) return [];
    const checks = sets.map((set) => {
      const tsquery = allOf(set.terms);
      const { filters } = this.filtersOf(query, set.date);
      return sql`EXISTS (SELECT 1 FROM search_documents sd ${whereOf(tsquery ? [sql`sd.tsv @@ to_tsquery('simple', ${tsquery})`, ...filters] : filters)})`;
    });
    const [row] = await readRows<{ matched: boolean[] }>(this.db, sql`SELECT ARRAY[${join(checks)}] AS matched`);
    return row!.matched;
  }

  /**
   * A typo near several indexed words at the same distance ("Gromiko": "gromyko", "gromkiy"):
   * the words that give results with the rest of the query come first, the commoner first;
   * words that give none are dropped when another gives some.
   */
  private async chooseCorrections(query: SearchQuery, terms: ResolvedTerm[], date: QueryDate | null): Promise<ResolvedTerm[]> {
    const { filters } = this.filtersOf(query, date);
    return Promise.all(
      terms.map(async (term) => {
        if (term.corrections.length < 2) return term;
        const others = terms.filter((t) => t !== term);
        const counts = sql`ARRAY[${join(term.corrections.map((word) => {
          const tsquery = allOf([...others, respelled(term, [word])])!;
          return sql`(SELECT count(*)::int FROM (SELECT 1 FROM search_documents sd ${whereOf([sql`sd.tsv @@ to_tsquery('simple', ${tsquery})`, ...filters])} LIMIT ${CORRECTION_COUNT}) x)`;
        }))}]`;
        const [row] = await readRows<{ counts: number[] }>(this.db, sql`SELECT ${counts} AS counts`);
        const order = term.corrections.map((word, i) => ({ word, n: row!.counts[i]! })).sort((a, b) => b.n - a.n);
        const useful = order.filter((c) => c.n > 0);
        return respelled(term, (useful.length ? useful : order).map((c) => c.word));
      }),
    );
  }

  /**
   * When no record has every word and the date: first a word that exists may have been meant as
   * another ("form" for "from"): the nearest words that make the query match; then the parts
   * (words and date) that match together, rarer words weighing more (server/search/query/relax.ts).
   * Null when nothing matches even so.
   */
  private async relax(query: SearchQuery, terms: ResolvedTerm[], date: QueryDate | null): Promise<{ terms: ResolvedTerm[]; date: QueryDate | null } | null> {
    // Respelling: each known single word replaced by its nearest other words.
    const respellings: ResolvedTerm[][] = [];
    for (const [i, term] of terms.entries()) {
      if (!term.known || !term.term.fuzzy || term.corrections.length) continue;
      const nearest = (await typoCandidates(this.db, term.term.words[0]!)).slice(0, MAX_RESPELLINGS).map((c) => c.word);
      for (const word of nearest) respellings.push(terms.map((t, j) => (j === i ? respelled(t, [word]) : t)));
    }
    const respelledMatch = await this.matchesAny(query, respellings.map((set) => ({ terms: set, date })));
    const found = respellings.find((_, i) => respelledMatch[i]);
    if (found) return { terms: found, date };

    // Leaving parts out. Weights from the planner's estimates (no rows read).
    const [size] = await readRows<{ n: number }>(this.db, sql`SELECT greatest(reltuples, 1)::int AS n FROM pg_class WHERE relname = 'search_documents'`);
    const { filters } = this.filtersOf(query, null);
    const weights = await Promise.all(
      terms.map(async (t) => (t.known ? wordWeight(await this.plannedRows(whereOf([sql`sd.tsv @@ to_tsquery('simple', ${t.tsquery})`, ...filters])), size?.n ?? 1) : 0)),
    );
    type Part = RelaxPart & { term?: ResolvedTerm; date?: QueryDate };
    const parts: Part[] = terms.map((term, i) => ({ typed: term.term.typed, weight: weights[i]!, term }));
    if (date) {
      const known = weights.filter((w) => w > 0);
      parts.push({ typed: date.typed.join(" "), weight: known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1, date });
    }
    const asSet = (set: Part[]) => ({ terms: set.flatMap((p) => (p.term ? [p.term] : [])), date: set.find((p) => p.date)?.date ?? null });
    const kept = await relax(parts, (sets) => this.matchesAny(query, sets.map(asSet)));
    return kept.length ? asSet(kept) : null;
  }

  /**
   * Relevance in two tiers, as Meilisearch's "attribute" rule does: records whose title or names
   * hold every word come first, ranked by ts_rank over that short, inline vector (a separate
   * small GIN index finds them: no full-text posting list is read); then the other matches,
   * newest first. Each tier reads at most RANK_CAP matches, so a common word never ranks the
   * whole archive, and the full tsvector (large, stored out of line) is never read to rank.
   * When the first tier is that large, its RANK_CAP come from a fixed eighth of the index (its
   * own GIN index): a GIN index can only hand over all its matches at once, and a common word's
   * title matches number tens of thousands. It is tried when the planner expects at least
   * HEAD_SAMPLE_FROM title matches, and used when it holds RANK_CAP of them; otherwise (a gate
   * decided before the second scan starts) the whole index is read. Either way a set fixed by
   * the index and its statistics, so pages agree.
   * The facet keys of a result counted exactly come from the same scan as the second tier.
   */
  private async rankedHits(tsq: Prisma.Sql, filters: Prisma.Sql[], where: Prisma.Sql, offset: number, pageSize: number, sampled: Promise<Sampled>): Promise<Found> {
    const headWhere = whereOf([sql`sd.head_tsv @@ ${tsq}`, ...filters]);
    // The eighth is tried only when the planner expects enough title matches for it to hold
    // RANK_CAP: for fewer, trying it would read its rows only to fall back to the whole index.
    const tryEighth = (await this.plannedRows(headWhere)) >= this.tuning.headSampleFrom;
    const rank = sql`ts_rank(sd.head_tsv, ${tsq}) AS rank`;
    const [head, sample] = await Promise.all([
      readRows<{ document: SearchDocument; tier_size: number }>(this.db, sql`
        WITH ${tryEighth
          ? sql`sampled AS MATERIALIZED (
            SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${headWhere} AND ${IN_HEAD_SAMPLE} LIMIT ${this.tuning.rankCap}
          ), whole AS MATERIALIZED (
            SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${headWhere} AND (SELECT count(*) FROM sampled) < ${this.tuning.rankCap} LIMIT ${this.tuning.rankCap}
          ), head AS (
            SELECT * FROM sampled WHERE (SELECT count(*) FROM sampled) = ${this.tuning.rankCap} UNION ALL SELECT * FROM whole
          )`
          : sql`head AS MATERIALIZED (
            SELECT sd.record_id, sd.date_earliest, ${rank} FROM search_documents sd ${headWhere} LIMIT ${this.tuning.rankCap}
          )`}, top AS (
          SELECT record_id, rank, date_earliest FROM head ORDER BY rank DESC, date_earliest DESC, record_id LIMIT ${pageSize} OFFSET ${offset}
        )
        SELECT sd.document, (SELECT count(*)::int FROM head) AS tier_size
        FROM top JOIN search_documents sd USING (record_id)
        ORDER BY top.rank DESC, top.date_earliest DESC, sd.record_id`),
      sampled,
    ]);
    const headDocuments = head.map((row) => row.document);
    // An empty page says nothing about the tier's size: count it (cheap, bounded) when needed.
    const headSize = head[0]?.tier_size ?? (offset > 0 ? await this.countUpTo(headWhere, this.tuning.rankCap) : 0);
    const rest = head.length < pageSize ? restPage(offset, headSize, pageSize - head.length) : null;
    if (sample.large) {
      return { documents: rest ? [...headDocuments, ...(await this.restTier(tsq, where, rest))] : headDocuments, keys: sample.keys };
    }
    const found = await this.matches(where, rest && { kind: "rest", tsq, ...rest });
    const restDocuments = found.page ?? (rest ? await this.restTier(tsq, where, rest) : []);
    return { documents: [...headDocuments, ...restDocuments], keys: found.keys };
  }

  /**
   * The second tier: matches outside the title and names, after the first tier, in blocks of
   * REST_BLOCK matches (as the index returns them), newest first within each block. A page reads
   * only the blocks up to its own (page 1: one block, not the whole window); the blocks depend
   * only on the query, so pages never overlap or skip. Used for large results; a result counted
   * exactly gets its page from the scan that counts it (`matches`), which orders alike.
   */
  private async restTier(tsq: Prisma.Sql, where: Prisma.Sql, rest: RestPage): Promise<SearchDocument[]> {
    const rows = await readRows<{ document: SearchDocument }>(this.db, sql`
      WITH body AS MATERIALIZED (
        SELECT b.record_id, b.date_earliest, (row_number() OVER () - 1) / ${REST_BLOCK} AS block
        FROM (SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where} AND NOT (sd.head_tsv @@ ${tsq}) LIMIT ${rest.readUpTo}) b
      ), ${restTop(rest)}
      SELECT sd.document
      FROM top JOIN search_documents sd USING (record_id)
      ORDER BY ${REST_ORDER}`);
    return rows.map((row) => row.document);
  }

  /**
   * Date order (a sort chosen by the reader, or browsing without words). A result counted
   * exactly is sorted from the scan that counts it. A large one walks the date index and stops
   * at the page; a mid-sized one is collected first and sorted, which the planner would not
   * choose by itself when the filters are correlated with date (it would walk the index through
   * every record before the ones that match).
   */
  private async datedHits(tsq: Prisma.Sql | null, where: Prisma.Sql, decadeRange: Prisma.Sql | null, query: SearchQuery, offset: number, sampled: Promise<Sampled>): Promise<Found> {
    const direction = query.sort === "newest" ? "DESC" : query.sort === "oldest" || !tsq ? "ASC" : "DESC";
    const byDate = raw(direction);
    const sample = await sampled;
    let keys = sample.keys;
    if (!sample.large) {
      const found = await this.matches(where, { kind: "dated", direction, limit: query.pageSize, offset });
      if (found.page) return { documents: found.page, keys: found.keys };
      keys = found.keys; // more than COUNT_CAP matches after all: the page needs the whole result
    }
    const rows = await readRows<{ document: SearchDocument }>(this.db,
      sample.estimate <= SORT_IN_MEMORY
        ? sql`
          WITH m AS MATERIALIZED (SELECT sd.record_id, sd.date_earliest FROM search_documents sd ${where}),
          top AS (SELECT record_id, date_earliest FROM m ORDER BY date_earliest ${byDate}, record_id ${byDate} LIMIT ${query.pageSize} OFFSET ${offset})
          SELECT sd.document
          FROM top JOIN search_documents sd USING (record_id)
          ORDER BY top.date_earliest ${byDate}, sd.record_id ${byDate}`
        : sql`
          SELECT sd.document
          FROM search_documents sd ${where} ${decadeRange ? sql`AND ${decadeRange}` : sql``}
          ORDER BY sd.date_earliest ${byDate}, sd.record_id ${byDate}
          LIMIT ${query.pageSize} OFFSET ${offset}`,
    );
    return { documents: rows.map((row) => row.document), keys };
  }

  /**
   * One scan of the first COUNT_CAP + 1 matches for a result the sample sizes as small: their
   * facet keys (counted in the app) and, from the same rows, the page when it lies among them
   * (the second relevance tier, or a date-ordered page of a result of at most COUNT_CAP). A
   * common word's posting list costs more to read than anything done with its rows, so it is
   * read once. `page` is null when the page is not among these rows (the caller reads it).
   */
  private async matches(where: Prisma.Sql, page: MatchesPage | null): Promise<{ keys: MatchKeys; page: SearchDocument[] | null }> {
    const all = sql`(SELECT count(*) FROM m) <= ${COUNT_CAP}`;
    let pageSql = sql`NULL::json AS documents, false AS complete`;
    let ctes = sql``;
    if (page?.kind === "rest") {
      ctes = sql`, body AS (
          SELECT b.record_id, b.date_earliest, (row_number() OVER () - 1) / ${REST_BLOCK} AS block
          FROM (SELECT record_id, date_earliest FROM m WHERE NOT in_head LIMIT ${page.readUpTo}) b
        ), ${restTop(page)}`;
      pageSql = sql`(SELECT json_agg(sd.document ORDER BY ${REST_ORDER}) FROM top JOIN search_documents sd USING (record_id)) AS documents,
        ${all} OR (SELECT count(*) FROM m WHERE NOT in_head) >= ${page.readUpTo} AS complete`;
    } else if (page?.kind === "dated") {
      const byDate = raw(page.direction);
      ctes = sql`, top AS (SELECT record_id, date_earliest FROM m ORDER BY date_earliest ${byDate}, record_id ${byDate} LIMIT ${page.limit} OFFSET ${page.offset})`;
      pageSql = sql`(SELECT json_agg(sd.document ORDER BY top.date_earliest ${byDate}, sd.record_id ${byDate}) FROM top JOIN search_documents sd USING (record_id)) AS documents,
        ${all} AS complete`;
    }
    const [row] = await readRows<MatchKeys & { documents: SearchDocument[] | null; complete: boolean }>(this.db, sql`
      WITH m AS MATERIALIZED (
        SELECT sd.record_id, sd.date_earliest, sd.match_keys${page?.kind === "rest" ? sql`, sd.head_tsv @@ ${page.tsq} AS in_head` : sql``}
        FROM search_documents sd ${where} LIMIT ${COUNT_CAP + 1}
      )${ctes}
      SELECT (SELECT count(*)::int FROM m) AS total, (SELECT coalesce(string_agg(m.match_keys, ${SEPARATOR}), '') FROM m) AS keys, ${pageSql}`);
    return { keys: { total: row!.total, keys: row!.keys }, page: page && row!.complete ? (row!.documents ?? []) : null };
  }

  private async countUpTo(where: Prisma.Sql, cap: number): Promise<number> {
    const [row] = await readRows<{ n: number }>(this.db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_documents sd ${where} LIMIT ${cap}) x`);
    return row!.n;
  }

  /**
   * Count, facet counts and timeline. A result the sample puts above SAMPLED_ABOVE matches is
   * read from the sample alone (a few hundred rows at most for any word) and scaled: the page
   * says "about 36,000" and marks facet counts "≈". Otherwise the matches are counted exactly,
   * reading at most COUNT_CAP + 1 of them; if there are more after all, the total is the
   * sample's estimate and the first COUNT_CAP matches are scaled to it (the rebuild writes rows
   * in a shuffled order, so they are a fair sample rather than the oldest records).
   */
  private async aggregates(keys: MatchKeys, { estimate: sampleEstimate, large }: Sampled): Promise<{
    total: number;
    totalIsLowerBound: boolean;
    isEstimate: boolean;
    facets: Record<Facet, FacetValue[]>;
    timeline: { year: number; count: number }[];
  }> {
    const counted = countKeys(keys);
    const estimated = large || counted.total > COUNT_CAP;
    // Past the cap: the sample's estimate, never below what was seen.
    const total = estimated ? Math.max(sampleEstimate, COUNT_CAP + 1) : counted.total;
    const scale = (n: number) => (estimated ? roundEstimate((n * total) / Math.max(1, counted.total)) : n);

    const top = (prefix: string) => topCounts(counted.byKey.get(prefix), FACET_LIMIT);
    const collections = top("c");
    const entities = Object.fromEntries(ENTITY_FACETS.map((type) => [type, top(ENTITY_KEY[type])])) as Record<(typeof ENTITY_FACETS)[number], [string, number][]>;
    const labels = await this.labels(
      collections.map(([id]) => Number(id)),
      ENTITY_FACETS.flatMap((type) => entities[type].map(([id]) => Number(id))),
    );
    const labelled = (values: [string, number][], kind: "c" | "e") =>
      values
        .filter(([id]) => labels.has(`${kind}${id}`))
        .map(([id, n]) => ({ value: id, label: labels.get(`${kind}${id}`)!, count: scale(n) }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const plain = (prefix: string, limit: number, label = (v: string) => v) =>
      topCounts(counted.byKey.get(prefix), limit).map(([value, n]) => ({ value, label: label(value), count: scale(n) }));

    const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
    facets.collection = labelled(collections, "c");
    for (const type of ENTITY_FACETS) facets[type] = labelled(entities[type], "e");
    facets.language = plain("l", FACET_LIMIT);
    facets.type = plain("t", FACET_LIMIT);
    facets.decade = plain("d", Infinity, (d) => `${d}s`).sort((a, b) => Number(a.value) - Number(b.value));
    const timeline = [...(counted.byKey.get("y") ?? new Map<number, number>())]
      .map(([year, n]) => ({ year: year as number, count: scale(n) }))
      .sort((a, b) => a.year - b.year);
    return {
      total: estimated ? roundEstimate(total) : total,
      totalIsLowerBound: false,
      isEstimate: estimated,
      facets,
      timeline,
    };
  }

  /**
   * The sampled rows matching `where`: their facet keys (the first SAMPLE_ROWS + 1 of them) and
   * the result size they suggest. A result so large that even its sampled rows pass the cap
   * (over ~25,600 matches) is sized by the planner instead, from its statistics (no rows read).
   */
  private async sample(where: Prisma.Sql, everything: boolean): Promise<Sampled> {
    const keys = await this.matchKeys(sql`${where} AND ${everything ? IN_SAMPLE_BROWSE : IN_SAMPLE}`, SAMPLE_ROWS + 1);
    const estimate = keys.total <= SAMPLE_ROWS ? keys.total * SAMPLE_RATE : Math.max(await this.plannedRows(where), keys.total * SAMPLE_RATE);
    return { keys, estimate, large: estimate > this.tuning.sampledAbove };
  }

  /** The planner's estimate of the rows matching `where`, from its statistics (no rows read). */
  private async plannedRows(where: Prisma.Sql): Promise<number> {
    const [plan] = await readRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(this.db, sql`
      EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents sd ${where}`);
    return Math.round(plan!["QUERY PLAN"][0].Plan["Plan Rows"]);
  }

  /**
   * The facet keys of the rows matching `where` (the first `limit` of them), one string for
   * all: counting them here is several times cheaper than nine GROUP BYs in PostgreSQL, which
   * cost more to set up than to run on a few hundred rows. Each row's keys are a generated column
   * (match_keys, migration 20261130030000_search_match_keys): "c7" collection, "p12"/"o3"/"g5"/"s9"
   * person/organization/place/subject, "d1950" decade, "lru" language, "ttelegram" type,
   * "y1950:1952" its years (EDTF numbering), joined by SEPARATOR; an empty list of ids leaves a
   * bare prefix, which counting skips.
   */
  private async matchKeys(where: Prisma.Sql, limit: number): Promise<MatchKeys> {
    const [row] = await readRows<MatchKeys>(this.db, sql`
      SELECT count(*)::int AS total, coalesce(string_agg(m.keys, ${SEPARATOR}), '') AS keys
      FROM (SELECT sd.match_keys AS keys FROM search_documents sd ${where} LIMIT ${limit}) m`);
    return row!;
  }

  /** Names of the collections and entities shown as facet values ("c7", "e12" -> name). */
  private async labels(collectionIds: number[], entityIds: number[]): Promise<Map<string, string>> {
    if (collectionIds.length + entityIds.length === 0) return new Map();
    const rows = await readRows<{ key: string; label: string }>(this.db, sql`
      SELECT 'c' || id AS key, title AS label FROM collections WHERE id = ANY(${collectionIds}::int[])
      UNION ALL
      SELECT 'e' || entity_id, name FROM entity_names WHERE entity_id = ANY(${entityIds}::int[]) AND is_preferred`);
    return new Map(rows.map((r) => [r.key, r.label]));
  }
}

type MatchKeys = { total: number; keys: string };
/** sampledAbove: results the sample sizes above this are read as large. rankCap: the first relevance tier's size. headSampleFrom: see HEAD_SAMPLE_FROM. */
type Tuning = { sampledAbove: number; rankCap: number; headSampleFrom: number };
/** `large`: counted, faceted and paged from the sample and the planner, not from the matches themselves. */
type Sampled = { keys: MatchKeys; estimate: number; large: boolean };

/** Key prefixes of the entity facets in match_keys. */
const ENTITY_KEY = { person: "p", organization: "o", place: "g", subject: "s" } as const;
/** Between keys: a control character, refused in every input, so never inside a value. */
const SEPARATOR = "\u001f";

type Counts = Map<number | string, number>;

const COLON = 58;
const MINUS = 45;
/** Language and type keys hold text; every other kind of key holds an integer. */
const TEXT_KEYS = new Set(["l", "t"]);

/**
 * Counts of each key by prefix: "p12" -> byKey.get("p").get(12), "lru" -> byKey.get("l").get("ru");
 * year spans expanded. Thousands of keys per search: read in place (no string per key), counted
 * in maps of small integers.
 */
export function countKeys({ total, keys }: MatchKeys): { total: number; byKey: Map<string, Counts> } {
  const byKey = new Map<string, Counts>();
  const counts = (prefix: string) => {
    let c = byKey.get(prefix);
    if (!c) byKey.set(prefix, (c = new Map()));
    return c;
  };
  const bump = (c: Counts, value: number | string) => c.set(value, (c.get(value) ?? 0) + 1);
  // Reads the integer at keys[from, to), and where it stopped.
  let stop = 0;
  const int = (from: number, to: number) => {
    const negative = keys.charCodeAt(from) === MINUS;
    let n = 0;
    let i = negative ? from + 1 : from;
    for (; i < to; i++) {
      const digit = keys.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      n = n * 10 + digit;
    }
    stop = i;
    return negative ? -n : n;
  };
  for (let start = 0; start < keys.length; ) {
    let end = keys.indexOf(SEPARATOR, start);
    if (end < 0) end = keys.length;
    if (end - start >= 2) {
      const prefix = keys[start]!; // one ASCII letter
      if (TEXT_KEYS.has(prefix)) bump(counts(prefix), keys.slice(start + 1, end));
      else if (prefix !== "y") bump(counts(prefix), int(start + 1, end));
      else {
        const first = int(start + 1, end);
        const last = keys.charCodeAt(stop) === COLON ? int(stop + 1, end) : first;
        const years = counts("y");
        for (let year = first, until = last - first < MAX_YEARS ? last : first; year <= until; year++) bump(years, year);
      }
    }
    start = end + 1;
  }
  return { total, byKey };
}

/**
 * The `limit` most frequent values, ties broken by value. A large result has thousands of
 * distinct people or places and shows twelve: kept in a short sorted list as the counts are
 * walked (most values lose to the twelfth at once), not by sorting them all.
 */
export function topCounts(counts: Counts | undefined, limit: number): [string, number][] {
  if (!counts) return [];
  const top: [number | string, number][] = [];
  for (const entry of counts) {
    if (top.length >= limit && !ranksBefore(entry, top[top.length - 1]!)) continue;
    let i = top.length;
    while (i > 0 && ranksBefore(entry, top[i - 1]!)) i--;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top.map(([value, n]) => [String(value), n]);
}

function ranksBefore(a: [number | string, number], b: [number | string, number]): boolean {
  if (a[1] !== b[1]) return a[1] > b[1];
  const [x, y] = [a[0], b[0]];
  return typeof x === "number" && typeof y === "number" ? x < y : String(x) < String(y);
}

/** A search's page of documents and the facet keys its aggregates are counted from. */
type Found = { documents: SearchDocument[]; keys: MatchKeys };

/** Where a page of the second relevance tier lies: blocks read, the first block used, rows wanted and skipped. */
type RestPage = { readUpTo: number; firstBlock: number; wanted: number; skip: number };
type MatchesPage = ({ kind: "rest"; tsq: Prisma.Sql } & RestPage) | { kind: "dated"; direction: "ASC" | "DESC"; limit: number; offset: number };

/** The second tier's page, or null when the page lies past the relevance window. */
function restPage(offset: number, headSize: number, wanted: number): RestPage | null {
  const restOffset = Math.max(0, offset - headSize);
  const restWindow = RELEVANCE_WINDOW - headSize;
  if (restOffset >= restWindow) return null;
  const firstBlock = Math.floor(restOffset / REST_BLOCK);
  const readUpTo = Math.min(restWindow, (Math.floor((restOffset + wanted - 1) / REST_BLOCK) + 1) * REST_BLOCK);
  return { readUpTo, firstBlock, wanted, skip: restOffset - firstBlock * REST_BLOCK };
}

/** The second tier's page from its blocks (a CTE named body): newest first within each block. */
function restTop(rest: RestPage): Prisma.Sql {
  return sql`top AS (
    SELECT record_id, date_earliest, block FROM body WHERE block >= ${rest.firstBlock}
    ORDER BY block, date_earliest DESC, record_id DESC LIMIT ${rest.wanted} OFFSET ${rest.skip})`;
}
const REST_ORDER = sql`top.block, top.date_earliest DESC, sd.record_id DESC`;

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

/** The document as a result needs it: the full text is searched (the body column), never shown in a list. */
function forResults(doc: SearchDocument): SearchDocument {
  return { ...doc, fullText: "" };
}

function idsOfType(doc: SearchDocument, type: string): number[] {
  return [...new Set(doc.entities.filter((e) => e.type === type).map((e) => e.id))];
}

/** Every name of every mentioned entity, one per line (the tsvector's names part). */
function namesText(doc: SearchDocument): string {
  return doc.entities.flatMap((e) => [e.name, ...e.variants]).join("\n");
}
