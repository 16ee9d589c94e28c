// One search interface, two real engines: PostgreSQL full-text search (built in, the default)
// and Meilisearch (when MEILI_URL is set). Both are fed by the same outbox (sync.ts).
import { z } from "zod";
import type { SearchDocument } from "./document";
import type { QueryDate } from "./query/dates";
import { parseQuery, type ParsedQuery } from "./query/parse";

export const FACETS = ["collection", "person", "organization", "place", "subject", "language", "type", "decade"] as const;
export type Facet = (typeof FACETS)[number];

export const SORTS = ["relevance", "oldest", "newest"] as const;

/** A public search, as validated at the boundary (tRPC input and the /search URL). */
export const searchQuerySchema = z.object({
  q: z.string().max(500, "A search is at most 500 characters").default(""),
  /** Facet filters: ids for collection and entity facets, values for the others. */
  filters: z
    .object({
      collection: z.array(z.int32().positive()).max(20).default([]),
      person: z.array(z.int32().positive()).max(20).default([]),
      organization: z.array(z.int32().positive()).max(20).default([]),
      place: z.array(z.int32().positive()).max(20).default([]),
      subject: z.array(z.int32().positive()).max(20).default([]),
      language: z.array(z.string().max(20)).max(20).default([]),
      type: z.array(z.string().max(40)).max(20).default([]),
      decade: z.array(z.int().min(-5000).max(5000)).max(20).default([]),
    })
    .default({ collection: [], person: [], organization: [], place: [], subject: [], language: [], type: [], decade: [] }),
  /** Records whose date range overlaps [from, to] (years, inclusive). */
  from: z.int().min(-5000).max(5000).optional(),
  to: z.int().min(-5000).max(5000).optional(),
  sort: z.enum(SORTS).default("relevance"),
  /** Exactly what was typed: no typo correction, no words left out when not all match. */
  exact: z.boolean().default(false),
  page: z.int().min(1).max(1000).default(1),
  pageSize: z.int().min(1).max(100).default(20),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchHit {
  id: number;
  title: string;
  dateText: string;
  dateEarliest: string;
  documentType: string;
  /** Summary with highlights: even indexes plain text, odd indexes matched text. */
  summaryParts: string[];
  /** Variant names the query matched, when not the preferred name ("matched as Choe Yeonggeon"). */
  matchedAs: string[];
}

export interface SearchResult {
  total: number;
  /** True when counting stopped at a cap: there are at least `total` results (shown as "1,000+"). */
  totalIsLowerBound: boolean;
  /**
   * True when `total`, the facet counts and the timeline are estimates ("about 36,000"): a result
   * too large to count exactly at search speed. See docs/decisions/0008-search-at-scale.md.
   */
  isEstimate: boolean;
  /**
   * How many of the results can be paged through in this order (at most `total`). An engine may
   * rank only the best part of a huge result, as Meilisearch's maxTotalHits does.
   */
  reachable: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<Facet, FacetValue[]>;
  /** Records per year for the timeline. */
  timeline: { year: number; count: number }[];
  /** When a query word was not found and a near word was used instead. */
  correctedQuery: string | null;
  /** How the query was read, for the page to say so. */
  understood: Understood;
  tookMs: number;
}

/** What the engine made of the query: the page shows each (a date chip, "did you mean", words left out). */
export interface Understood {
  /** The date typed in the query, applied to the records' dates (null: none, or left out). */
  date: QueryDate | null;
  /** A date was typed but left out: no record of that date has the words. */
  dateOmitted: QueryDate | null;
  /** Words replaced by the indexed words nearest to them. */
  corrections: { typed: string; used: string }[];
  /** Words left out because no record has them together with the others (as typed). */
  omitted: string[];
  /** Quoted phrases no record has as typed, searched as their words in any order (as typed). */
  loosened: string[];
}

export const NOTHING_UNDERSTOOD: Understood = { date: null, dateOmitted: null, corrections: [], omitted: [], loosened: [] };

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /** Creates or updates the index settings; idempotent. */
  configure(): Promise<void>;
  upsert(documents: SearchDocument[]): Promise<void>;
  delete(recordIds: number[]): Promise<void>;
  /** `parsed` is `query.q` read by parseQuery (server/search/query): engines never read text themselves. */
  search(query: SearchQuery, parsed: ParsedQuery): Promise<SearchResult>;
  /**
   * Replaces the whole index with these documents. Searches keep answering from a complete index
   * throughout. Returns the number of documents indexed.
   */
  rebuild(documents: AsyncIterable<SearchDocument[]>, onProgress?: (indexed: number) => void): Promise<number>;
  /** Revision indexed per record, for reconciling the index with the database. */
  indexedRevisions(): Promise<Map<number, number>>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}

/** A search as the public asks it: the query read once, then handed to the engine. */
export function searchWith(engine: SearchEngine, query: SearchQuery): Promise<SearchResult> {
  return engine.search(query, parseQuery(query.q));
}
