// The Meilisearch engine (used when MEILI_URL is set), on the official client. Every write is a
// task: we await it and check its final status, because waitTask resolves normally on a failed
// task (Karakeep's adapter does the same). Settings are compared with the desired ones and only
// updated when they differ. Synonyms are generated from the authority records' variant names.
import { Meilisearch, type Index, type Settings, type Task } from "meilisearch";
import type { Db } from "../db";
import type { SearchDocument } from "./document";
import { FACETS, NOTHING_UNDERSTOOD, type Facet, type FacetValue, type SearchEngine, type SearchQuery, type SearchResult } from "./engine";
import { toSearchHit } from "./query-terms";
import { queryWords, type ParsedQuery } from "./query/parse";

export const MEILI_INDEX = "records";
const BATCH = 1_000;
const TASK_TIMEOUT_MS = 60_000;
const ENTITY_FACETS = ["person", "organization", "place", "subject"] as const;
type EntityFacet = (typeof ENTITY_FACETS)[number];

/** The flat document Meilisearch stores: searchable text plus filterable ids and numbers. */
export interface MeiliRecord {
  id: number;
  revisionId: number;
  title: string;
  names: string[];
  summary: string;
  fullText: string;
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
    title: doc.title,
    names: doc.entities.flatMap((e) => [e.name, ...e.variants]),
    summary: doc.summary,
    fullText: doc.fullText,
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
  searchableAttributes: ["title", "names", "summary", "fullText"],
  filterableAttributes: [...Object.values(FACET_ATTRIBUTE), "years", "yearStart", "yearEnd", "id"].sort(),
  sortableAttributes: ["dateEarliestDay", "id"],
  displayedAttributes: ["id", "revisionId", "document"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 200 },
} satisfies Settings;

/** A Meilisearch filter value: numbers as they are, strings quoted and escaped. */
function literal(value: string | number): string {
  return typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function buildFilter(query: SearchQuery): string[] {
  const filters: string[] = [];
  for (const facet of FACETS) {
    const values = query.filters[facet] as (string | number)[];
    if (values.length) filters.push(`${FACET_ATTRIBUTE[facet]} IN [${values.map(literal).join(", ")}]`);
  }
  // Overlap of the record's years with [from, to].
  if (query.from !== undefined) filters.push(`yearEnd >= ${query.from}`);
  if (query.to !== undefined) filters.push(`yearStart <= ${query.to}`);
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
    for (const n of names) byEntity.set(n.entityId, [...(byEntity.get(n.entityId) ?? []), n.name.toLowerCase()]);
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
    const sort =
      query.sort === "oldest" || (query.sort === "relevance" && !query.q.trim())
        ? ["dateEarliestDay:asc", "id:asc"]
        : query.sort === "newest"
          ? ["dateEarliestDay:desc", "id:desc"]
          : undefined;
    const response = await this.index.search(query.q, {
      filter: buildFilter(query),
      facets: [...Object.values(FACET_ATTRIBUTE), "years"],
      sort,
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: ["id", "document"],
      attributesToHighlight: ["summary"],
      // Every word must match, as with the PostgreSQL engine (the default drops trailing words).
      matchingStrategy: "all",
      highlightPreTag: "\u0001",
      highlightPostTag: "\u0002",
    });
    const terms = queryWords(parsed);
    const distribution = response.facetDistribution ?? {};
    return {
      total: response.totalHits,
      totalIsLowerBound: response.totalHits >= DESIRED_SETTINGS.pagination.maxTotalHits,
      isEstimate: false, // page/hitsPerPage pagination makes Meilisearch count exhaustively
      reachable: response.totalHits,
      page: query.page,
      pageSize: query.pageSize,
      hits: response.hits.map((hit) =>
        toSearchHit(hit.document, (hit._formatted as { summary?: string } | undefined)?.summary ?? hit.document.summary, terms),
      ),
      facets: await this.facetValues(distribution),
      timeline: Object.entries(distribution.years ?? {})
        .map(([year, count]) => ({ year: Number(year), count }))
        .sort((a, b) => a.year - b.year),
      correctedQuery: null, // Meilisearch's typo tolerance is built into matching
      understood: { ...NOTHING_UNDERSTOOD, date: parsed.date },
      tookMs: Math.round(performance.now() - started),
    };
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
