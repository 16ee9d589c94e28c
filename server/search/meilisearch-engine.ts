// The Meilisearch engine (used when MEILI_URL is set), on the official client. Every write is a
// task: we await it and check its final status, because waitTask resolves normally on a failed
// task (Karakeep's adapter does the same). Settings are compared with the desired ones and only
// updated when they differ. Synonyms are generated from the authority records' variant names.
// Texts are sent as the shared tokenizer reads them (server/search/query/tokenize.ts) and queries
// are built from the parsed query, so both engines read words, dates and stop-words alike.
import { Meilisearch, type Index, type Settings, type Task } from "meilisearch";
import type { Db } from "../db";
import type { SearchDocument } from "./document";
import { FACETS, NOTHING_UNDERSTOOD, type Facet, type FacetValue, type SearchEngine, type SearchQuery, type SearchResult, type Understood } from "./engine";
import { highlightParts, markMatches, toSearchHit } from "./query-terms";
import type { QueryDate } from "./query/dates";
import { queryWords, STOP_WORDS, type ParsedQuery, type QueryTerm } from "./query/parse";
import { dateWeight, phrasesToLoosen, relax, wordWeight, type RelaxPart } from "./query/relax";
import { indexText } from "./query/tokenize";

export const MEILI_INDEX = "records";
const BATCH = 1_000;
const TASK_TIMEOUT_MS = 60_000;
const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;
type EntityFacet = (typeof ENTITY_FACETS)[number];

/** The flat document Meilisearch stores: searchable text plus filterable ids and numbers. */
export interface MeiliRecord {
  id: number;
  revisionId: number;
  /** Searched texts, as the shared tokenizer reads them: title, every name, summary, full text. */
  titleWords: string;
  namesWords: string[];
  summaryWords: string;
  textWords: string;
  dateEarliestDay: number; // days since 1970-01-01, sortable and filterable
  dateLatestDay: number;
  yearStart: number;
  yearEnd: number;
  years: number[];
  decade: number;
  documentType: string;
  language: string;
  collectionIds: number[];
  personIds: number[];
  organizationIds: number[];
  placeIds: number[];
  subjectIds: number[];
  document: SearchDocument;
}

const dayNumber = (isoDay: string) => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);

export function toMeiliRecord(doc: SearchDocument): MeiliRecord {
  const ids = (type: string) => [...new Set(doc.entities.filter((e) => e.type === type).map((e) => e.id))];
  return {
    id: doc.id,
    revisionId: doc.revisionId,
    titleWords: indexText(doc.title),
    namesWords: doc.entities.flatMap((e) => [e.name, ...e.variants]).map(indexText),
    summaryWords: indexText(doc.summary),
    textWords: indexText(doc.fullText),
    dateEarliestDay: dayNumber(doc.dateEarliest),
    dateLatestDay: dayNumber(doc.dateLatest),
    yearStart: Number(doc.dateEarliest.slice(0, 4)),
    yearEnd: Number(doc.dateLatest.slice(0, 4)),
    years: doc.years,
    decade: doc.decade,
    documentType: doc.documentType,
    language: doc.language,
    collectionIds: doc.collections.map((c) => c.id),
    personIds: ids("person"),
    organizationIds: ids("organization"),
    placeIds: ids("place"),
    subjectIds: ids("subject"),
    document: doc,
  };
}

const FACET_ATTRIBUTE: Record<Facet, string> = {
  collection: "collectionIds",
  person: "personIds",
  organization: "organizationIds",
  place: "placeIds",
  subject: "subjectIds",
  language: "language",
  type: "documentType",
  decade: "decade",
};

export const DESIRED_SETTINGS = {
  searchableAttributes: ["titleWords", "namesWords", "summaryWords", "textWords"],
  filterableAttributes: [...Object.values(FACET_ATTRIBUTE), "years", "yearStart", "yearEnd", "id"].sort(),
  sortableAttributes: ["dateEarliestDay", "id"],
  displayedAttributes: ["id", "revisionId", "document"],
  // Meilisearch's own defaults: it fuzzes every word. (The PostgreSQL engine corrects only words that
  // match nothing, and from 4 letters: server/search/query/parse.ts allowedTypos.)
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  stopWords: [...STOP_WORDS].sort(),
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 200 },
} satisfies Settings;

/** A Meilisearch filter value: numbers as they are, strings quoted and escaped. */
function literal(value: string | number): string {
  return typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function buildFilter(query: SearchQuery, date: QueryDate | null = null): string[] {
  const filters: string[] = [];
  for (const facet of FACETS) {
    const values = query.filters[facet] as (string | number)[];
    if (values.length) filters.push(`${FACET_ATTRIBUTE[facet]} IN [${values.map(literal).join(", ")}]`);
  }
  // Overlap of the record's years with [from, to].
  if (query.from !== undefined) filters.push(`yearEnd >= ${query.from}`);
  if (query.to !== undefined) filters.push(`yearStart <= ${query.to}`);
  // A date typed in the query: records whose days overlap it.
  if (date) filters.push(`dateLatestDay >= ${dayNumber(date.from)}`, `dateEarliestDay <= ${dayNumber(date.to)}`);
  return filters;
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly client: Meilisearch;

  constructor(
    private readonly db: Db,
    options: { host: string; apiKey?: string; indexUid?: string },
    private readonly indexUid = options.indexUid ?? MEILI_INDEX,
  ) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  }

  private get index(): Index<MeiliRecord> {
    return this.client.index<MeiliRecord>(this.indexUid);
  }

  /** Waits for a task and turns anything but success into an error. */
  async settle(promise: ReturnType<Index["addDocuments"]>): Promise<Task> {
    const task = await promise.waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status !== "succeeded") {
      throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error given"}`);
    }
    return task;
  }

  /** Synonyms: every name of an entity stands for every other (lower-cased, as Meilisearch matches). */
  async synonyms(): Promise<Record<string, string[]>> {
    const names = await this.db.entityName.findMany({ where: { entity: { mergedIntoId: null } }, select: { entityId: true, name: true } });
    const byEntity = new Map<number, string[]>();
    for (const n of names) byEntity.set(n.entityId, [...(byEntity.get(n.entityId) ?? []), indexText(n.name)]);
    // No prototype: an entity named "constructor" must not meet Object's.
    const synonyms: Record<string, string[]> = Object.create(null);
    for (const group of byEntity.values()) {
      if (group.length < 2) continue;
      for (const name of group) synonyms[name] = [...new Set([...(synonyms[name] ?? []), ...group.filter((g) => g !== name)])];
    }
    return synonyms;
  }

  async configure(indexUid = this.indexUid): Promise<void> {
    const index = this.client.index(indexUid);
    const exists = await this.client.getRawIndex(indexUid).then(() => true, () => false);
    if (!exists) await this.settle(this.client.createIndex(indexUid, { primaryKey: "id" }));
    const desired: Settings = { ...DESIRED_SETTINGS, synonyms: await this.synonyms() };
    const current = await index.getSettings();
    const differs = (Object.keys(desired) as (keyof Settings)[]).some((key) => JSON.stringify(current[key]) !== JSON.stringify(desired[key]));
    if (differs) await this.settle(index.updateSettings(desired));
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += BATCH) {
      await this.settle(this.index.addDocuments(documents.slice(i, i + BATCH).map(toMeiliRecord), { primaryKey: "id" }));
    }
  }

  async delete(recordIds: number[]): Promise<void> {
    if (recordIds.length) await this.settle(this.index.deleteDocuments(recordIds));
  }

  async indexedRevisions(): Promise<Map<number, number>> {
    const revisions = new Map<number, number>();
    for (let offset = 0; ; offset += BATCH) {
      const page = await this.index.getDocuments({ fields: ["id", "revisionId"], limit: BATCH, offset });
      for (const doc of page.results) revisions.set(doc.id, doc.revisionId);
      if (page.results.length < BATCH) return revisions;
    }
  }

  async health() {
    try {
      const health = await this.client.health();
      return { ok: health.status === "available" };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  async search(query: SearchQuery, parsed: ParsedQuery): Promise<SearchResult> {
    const started = performance.now();
    const required = parsed.terms.filter((t) => !t.optional);
    const optional = parsed.terms.filter((t) => t.optional);
    let kept = required;
    let date = parsed.date;
    const browsing = parsed.terms.length === 0;
    let response = await this.index.search(queryText(kept, optional), this.searchParams(query, date, browsing));
    const understood: Understood = { ...NOTHING_UNDERSTOOD, date };
    // A quoted phrase no record has as typed: its words in any order, before leaving anything out.
    if (response.totalHits === 0 && !query.exact) {
      const loose = await phrasesToLoosen(required, (t) => t, async (phrases) => (await this.count(query, phrases.map((t) => ({ terms: [t], date: null })))).map((n) => n > 0));
      if (loose.phrases.length) {
        understood.loosened = loose.phrases.map((t) => t.typed);
        kept = [...required.filter((t) => !loose.phrases.includes(t)), ...loose.words];
        response = await this.index.search(queryText(kept, optional), this.searchParams(query, date, browsing));
      }
    }
    if (response.totalHits === 0 && !query.exact && kept.length + (date ? 1 : 0) > 1) {
      const relaxed = await this.relax(query, kept, date);
      if (relaxed) {
        // An abbreviation found nowhere ("W.J." in "W.J. Price") is read as initials, not as a word left out.
        understood.omitted = kept.filter((t) => !relaxed.terms.includes(t) && !t.abbreviation).map((t) => t.typed);
        if (date && !relaxed.date) understood.dateOmitted = date;
        kept = relaxed.terms;
        date = understood.date = relaxed.date;
        response = await this.index.search(queryText(kept, optional), this.searchParams(query, date, browsing));
      }
    }
    if (response.totalHits === 0) understood.loosened = [];
    const words = queryWords({ ...parsed, terms: [...kept, ...optional] });
    const distribution = response.facetDistribution ?? {};
    return {
      total: response.totalHits,
      totalIsLowerBound: response.totalHits >= DESIRED_SETTINGS.pagination.maxTotalHits,
      isEstimate: false, // page/hitsPerPage pagination makes Meilisearch count exhaustively
      reachable: response.totalHits,
      page: query.page,
      pageSize: query.pageSize,
      hits: response.hits.map((hit) => {
        // The words Meilisearch matched (typos and completions included), marked in the original summary.
        const formatted = (hit._formatted ?? {}) as { summaryWords?: string; namesWords?: string[] };
        const matched = [...words, ...markedWords(formatted.summaryWords), ...(formatted.namesWords ?? []).flatMap(markedWords)];
        return toSearchHit(hit.document, markMatches(hit.document.summary, matched), matched);
      }),
      facets: await this.facetValues(distribution),
      timeline: Object.entries(distribution.years ?? {})
        .map(([year, count]) => ({ year: Number(year), count }))
        .sort((a, b) => a.year - b.year),
      correctedQuery: null, // Meilisearch's typo tolerance is built into matching and silent
      understood,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /** `browsing`: no words to rank by (none typed, or only a date): oldest first, as the PostgreSQL engine. */
  private searchParams(query: SearchQuery, date: QueryDate | null, browsing: boolean) {
    return {
      filter: buildFilter(query, date),
      facets: [...Object.values(FACET_ATTRIBUTE), "years"],
      sort:
        query.sort === "oldest" || (query.sort === "relevance" && browsing)
          ? ["dateEarliestDay:asc", "id:asc"]
          : query.sort === "newest"
            ? ["dateEarliestDay:desc", "id:desc"]
            : undefined,
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: ["id", "document"],
      attributesToHighlight: ["summaryWords", "namesWords"],
      // Every word must match; relaxation (below) is ours, shared with the PostgreSQL engine.
      matchingStrategy: "all" as const,
      highlightPreTag: "\u0001",
      highlightPostTag: "\u0002",
    };
  }

  /** Leaves out words or the date when not all match together (server/search/query/relax.ts), with one multi-search per step. */
  private async relax(query: SearchQuery, terms: QueryTerm[], date: QueryDate | null): Promise<{ terms: QueryTerm[]; date: QueryDate | null } | null> {
    const count = (sets: { terms: QueryTerm[]; date: QueryDate | null }[]) => this.count(query, sets);
    const alone = await count(terms.map((t) => ({ terms: [t], date: null })));
    const stats = await this.index.getStats();
    type Part = RelaxPart & { term?: QueryTerm; date?: QueryDate };
    const parts: Part[] = terms.map((term, i) => ({ typed: term.typed, weight: wordWeight(alone[i]!, stats.numberOfDocuments), term }));
    if (date) parts.push({ typed: date.typed.join(" "), weight: dateWeight(parts.map((p) => p.weight)), date });
    const asSet = (set: Part[]) => ({ terms: set.flatMap((p) => (p.term ? [p.term] : [])), date: set.find((p) => p.date)?.date ?? null });
    const kept = await relax(parts, async (sets) => (await count(sets.map(asSet))).map((n) => n > 0));
    return kept.length ? asSet(kept) : null;
  }

  /** How many records match each set of terms and date (with the search's filters): one multi-search. */
  private async count(query: SearchQuery, sets: { terms: QueryTerm[]; date: QueryDate | null }[]): Promise<number[]> {
    const { results } = await this.client.multiSearch({
      queries: sets.map((set) => ({
        indexUid: this.indexUid, q: queryText(set.terms, []), filter: buildFilter(query, set.date), matchingStrategy: "all" as const, page: 1, hitsPerPage: 1, attributesToRetrieve: ["id"],
      })),
    });
    return results.map((r) => ("totalHits" in r && typeof r.totalHits === "number" ? r.totalHits : r.hits.length));
  }

  /** Facet counts with labels: ids are named from the database (collections, preferred names). */
  private async facetValues(distribution: Record<string, Record<string, number>>): Promise<Record<Facet, FacetValue[]>> {
    const top = (attribute: string, limit = 12) =>
      Object.entries(distribution[attribute] ?? {})
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit);
    const collectionIds = top("collectionIds").map(([id]) => Number(id));
    const entityIds = ENTITY_FACETS.flatMap((f) => top(FACET_ATTRIBUTE[f]).map(([id]) => Number(id)));
    const [collections, names] = await Promise.all([
      this.db.collection.findMany({ where: { id: { in: collectionIds } }, select: { id: true, title: true } }),
      this.db.entityName.findMany({ where: { entityId: { in: entityIds }, isPreferred: true }, select: { entityId: true, name: true } }),
    ]);
    const collectionTitle = new Map(collections.map((c) => [String(c.id), c.title]));
    const entityName = new Map(names.map((n) => [String(n.entityId), n.name]));
    const result = {} as Record<Facet, FacetValue[]>;
    result.collection = top("collectionIds").map(([value, count]) => ({ value, label: collectionTitle.get(value) ?? value, count }));
    for (const facet of ENTITY_FACETS as readonly EntityFacet[]) {
      result[facet] = top(FACET_ATTRIBUTE[facet]).map(([value, count]) => ({ value, label: entityName.get(value) ?? value, count }));
    }
    result.language = top("language").map(([value, count]) => ({ value, label: value, count }));
    result.type = top("documentType").map(([value, count]) => ({ value, label: value, count }));
    result.decade = top("decade", 24)
      .map(([value, count]) => ({ value, label: `${value}s`, count }))
      .sort((a, b) => Number(a.value) - Number(b.value));
    return result;
  }

  /**
   * Full rebuild into a fresh index, then an atomic swap: searches keep hitting the old index
   * until the new one is complete.
   */
  async rebuild(documents: AsyncIterable<SearchDocument[]>, onProgress?: (indexed: number) => void): Promise<number> {
    const next = `${this.indexUid}_rebuild`;
    await this.client.deleteIndexIfExists(next);
    await this.configure(next);
    let indexed = 0;
    for await (const batch of documents) {
      await this.settle(this.client.index<MeiliRecord>(next).addDocuments(batch.map(toMeiliRecord), { primaryKey: "id" }));
      indexed += batch.length;
      onProgress?.(indexed);
    }
    const exists = await this.client.getRawIndex(this.indexUid).then(() => true, () => false);
    if (!exists) await this.configure();
    await this.settle(this.client.swapIndexes([{ indexes: [this.indexUid, next], rename: false }]));
    await this.settle(this.client.deleteIndex(next));
    return indexed;
  }
}

/** The query Meilisearch reads: each term as the index holds it (a phrase in quotes), stop-words last. */
export function queryText(terms: QueryTerm[], optional: QueryTerm[]): string {
  return [...terms, ...optional].map((t) => (t.words.length > 1 ? `"${t.words.join(" ")}"` : t.words[0]!)).join(" ");
}

/** The words Meilisearch marked in a highlighted text. */
function markedWords(formatted: string | undefined): string[] {
  return formatted ? highlightParts(formatted).filter((_, i) => i % 2 === 1) : [];
}
