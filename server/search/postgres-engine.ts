// The built-in search engine: PostgreSQL full-text search over `search_documents`, one row per
// public record with its texts stored as the shared tokenizer reads them (server/search/query/).
// The steps live beside it in server/search/postgres/:
//   terms.ts, lexicon.ts   the parsed query's words as tsquery operands: completions of the word
//                          being typed, typos corrected from the lexicon's deletion neighbourhood
//   filters.ts             facets, year range and the typed date as SQL
//   ranking.ts             one search: a page in relevance (title tier, then the other matches) or date order
//   counting.ts            total, facets and timeline: exact to 1,000 matches, estimated past it
//   relaxation.ts          when nothing has every word and the date: respelling, then leaving parts out
//   tuning.ts              every threshold, documented, in one place
// Why it is built this way: docs/decisions/0008-search-at-scale.md and 0011-query-understanding.md.
import { type Db, writeRows } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { SearchDocument } from "./document";
import { NOTHING_UNDERSTOOD, type SearchEngine, type SearchQuery, type SearchResult, type Understood } from "./engine";
import { addWords } from "./postgres/lexicon";
import { facetKeys } from "./postgres/filters";
import { execute } from "./postgres/ranking";
import { HEAD_TSV_OF_V, TSV_OF_V, vectorLiteral } from "./postgres/vectors";
import { chooseCorrections, matchesAny, relax } from "./postgres/relaxation";
import { allOf, boostOf, resolveTerms, type ResolvedTerm } from "./postgres/terms";
import { RELEVANCE_WINDOW, TUNING, type Reader, type Tuning } from "./postgres/tuning";
import type { ParsedQuery } from "./query/parse";
import { phrasesToLoosen } from "./query/relax";
import { indexForms, tokenize } from "./query/tokenize";
import { correctedText, markMatches, toSearchHit } from "./query-terms";

export { countKeys, roundEstimate, topCounts } from "./postgres/counting";
export { COUNT_CAP, OTHER_BLOCK, RELEVANCE_WINDOW, SAMPLE_RATE } from "./postgres/tuning";

const { sql, join } = Prisma;

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;

  /** What each step reads through: the database and the thresholds (server/search/postgres/tuning.ts). */
  private readonly reader: Reader;

  /** `tuning`: other thresholds, so tests can take each path on small data. */
  constructor(
    private readonly db: Db,
    tuning: Partial<Tuning> = {},
  ) {
    this.reader = { db, tuning: { ...TUNING, ...tuning } };
  }

  async configure(): Promise<void> {
    // The schema (tables, generated tsvector, indexes) is created by migrations.
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // Texts are stored as the tokenizer reads them (server/search/query/tokenize.ts): the index,
    // the query and the highlighting then agree on every word. Results show `document`.
    const words = new Set<string>();
    const forms = (text: string) => {
      const folded = tokenize(text).flatMap(indexForms);
      for (const w of folded) words.add(w);
      return folded;
    };
    const rows = documents.map((d) => {
      const collectionIds = d.collections.map((c) => c.id);
      const entityIds = [...new Set(d.entities.map((e) => e.id))];
      const facets = facetKeys({ collectionIds, entityIds, decade: d.decade, language: d.language, documentType: d.documentType, dateEarliest: d.dateEarliest, dateLatest: d.dateLatest });
      const [title, names, summary, body] = [forms(d.title), forms(namesText(d)), forms(d.summary), forms(d.fullText)];
      // The vectors built here when their words are plain (server/search/postgres/vectors.ts), else by PostgreSQL below.
      const tsv = vectorLiteral([{ words: title, weight: "A" }, { words: names, weight: "A" }, { words: summary, weight: "B" }, { words: body, weight: "C" }]);
      const head = tsv === null ? null : vectorLiteral([{ words: title, weight: "A" }, { words: names, weight: "B" }]);
      return sql`(${d.id}::int, ${d.revisionId}::int, ${title.join(" ")}::text, ${names.join(" ")}::text, ${summary.join(" ")}::text, ${body.join(" ")}::text, ${d.dateText}::text,
        ${d.dateEarliest}::date, ${d.dateLatest}::date, ${d.decade}::int, ${d.documentType}::text, ${d.language}::text,
        ${collectionIds}::int[], ${entityIds}::int[],
        ${idsOfType(d, "person")}::int[], ${idsOfType(d, "organization")}::int[], ${idsOfType(d, "place")}::int[], ${idsOfType(d, "subject")}::int[],
        ${facets}::text[], ${JSON.stringify(forResults(d))}::jsonb, ${tsv}::tsvector, ${head}::tsvector)`;
    });
    // Words first, for completion and typo tolerance: if the write below fails, they are only
    // stale words (harmless: a correction that finds nothing), so each statement stands alone.
    await addWords(this.db, words);
    // Through node-postgres (writeRows): Prisma would serialize these megabytes of texts to JSON
    // and parse them back before sending them (a tenth of the sync worker's CPU; ADR 13).
    const q = sql`
        INSERT INTO search_documents (record_id, revision_id, title, names, summary, body, date_text, date_earliest,
          date_latest, decade, document_type, language, collection_ids, entity_ids,
          person_ids, organization_ids, place_ids, subject_ids, facet_keys, document, indexed_at, tsv, head_tsv)
        SELECT v.record_id, v.revision_id, v.title, v.names, v.summary, v.body, v.date_text, v.date_earliest,
          v.date_latest, v.decade, v.document_type, v.language, v.collection_ids, v.entity_ids,
          v.person_ids, v.organization_ids, v.place_ids, v.subject_ids, v.facet_keys, v.document, now(),
          coalesce(v.tsv, ${TSV_OF_V}), coalesce(v.head_tsv, ${HEAD_TSV_OF_V})
        FROM (VALUES ${join(rows)}) AS v(record_id, revision_id, title, names, summary, body, date_text, date_earliest,
          date_latest, decade, document_type, language, collection_ids, entity_ids,
          person_ids, organization_ids, place_ids, subject_ids, facet_keys, document, tsv, head_tsv)
        ON CONFLICT (record_id) DO UPDATE SET
          revision_id = EXCLUDED.revision_id, title = EXCLUDED.title, names = EXCLUDED.names,
          summary = EXCLUDED.summary, body = EXCLUDED.body, date_text = EXCLUDED.date_text,
          date_earliest = EXCLUDED.date_earliest, date_latest = EXCLUDED.date_latest, decade = EXCLUDED.decade,
          document_type = EXCLUDED.document_type, language = EXCLUDED.language,
          collection_ids = EXCLUDED.collection_ids, entity_ids = EXCLUDED.entity_ids,
          person_ids = EXCLUDED.person_ids, organization_ids = EXCLUDED.organization_ids,
          place_ids = EXCLUDED.place_ids, subject_ids = EXCLUDED.subject_ids, facet_keys = EXCLUDED.facet_keys,
          document = EXCLUDED.document, indexed_at = EXCLUDED.indexed_at, tsv = EXCLUDED.tsv, head_tsv = EXCLUDED.head_tsv`;
    await writeRows(this.db, q);
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
    // An abbreviation the index does not hold ("W.J." in "W.J. Price") is read as initials: it
    // ranks names with words starting with its letters, and excludes nothing (unless alone).
    const asInitials = (t: ResolvedTerm) => t.term.abbreviation && !t.known;
    const words = resolved.filter((t) => !t.term.optional);
    let required = words.some((t) => !asInitials(t)) ? words.filter((t) => !asInitials(t)) : words;
    const boost = boostOf(resolved);
    let date = parsed.date;
    const understood: Understood = { ...NOTHING_UNDERSTOOD, date };
    if (correct) required = await chooseCorrections(this.reader, query, required, date);

    let run = await execute(this.reader, query, allOf(required), date, boost);
    // A quoted phrase no record has as typed: its words in any order, before leaving anything out.
    if (run.aggregates.total === 0 && correct) {
      const loose = await phrasesToLoosen(required, (t) => t.term, (phrases) => matchesAny(this.reader, query, phrases.map((t) => ({ terms: [t], date: null }))));
      if (loose.phrases.length) {
        required = [...required.filter((t) => !loose.phrases.includes(t)), ...(await resolveTerms(this.db, loose.words, { correct }))];
        understood.loosened = loose.phrases.map((t) => t.term.typed);
        run = await execute(this.reader, query, allOf(required), date, boost);
      }
    }
    if (run.aggregates.total === 0 && correct && required.length + (date ? 1 : 0) > 1) {
      const relaxed = await relax(this.reader, query, required, date);
      if (relaxed) {
        understood.omitted = required.filter((t) => !relaxed.terms.some((k) => k.term === t.term)).map((t) => t.term.typed);
        if (date && !relaxed.date) understood.dateOmitted = date;
        required = relaxed.terms;
        date = relaxed.date;
        understood.date = date;
        run = await execute(this.reader, query, allOf(required), date, boost);
      }
    }
    if (run.aggregates.total === 0) understood.loosened = [];
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
