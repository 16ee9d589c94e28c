// The thresholds of the PostgreSQL engine, in one place: each chooses between two ways of
// answering a search at archive scale (docs/decisions/0008-search-at-scale.md). Tests pass other
// values so that each way is taken on small data.
import type { Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";

const { sql, raw } = Prisma;

export const TUNING = {
  /** The title tier (records whose title or names hold every word) ranks at most this many matches. */
  rankCap: 500,
  /**
   * The title tier of a common word is read from a fixed eighth of the index (its own small GIN
   * index) when the planner expects at least this many title matches: the eighth then still holds
   * the rankCap it needs, and reading all of them would cost more than the search.
   */
  titleSampleFrom: 12 * 500,
  /** Results the sample (below) sizes above this many matches are counted and faceted from it. */
  sampledAbove: 2 * 1_000,
} as const;
export type Tuning = { -readonly [K in keyof typeof TUNING]: number };

/** What every step reads through: the database and the thresholds. */
export type Reader = { db: Db; tuning: Tuning };

/** Relevance order reaches this many results in all; date order reaches every result. */
export const RELEVANCE_WINDOW = 1_000;
/** The other tier (matches outside title and names) is newest first within blocks of this many, in index order. */
export const OTHER_BLOCK = 200;
/** Counts, facets and the timeline are exact up to here, estimated past it ("about 36,000"). */
export const COUNT_CAP = 1_000;
/**
 * A fixed 1-in-64 sample of the index (by a hash of the record id, with its own small indexes):
 * a large result is counted, faceted and charted from its sampled rows, scaled up.
 */
export const SAMPLE_RATE = 64;
/** Facets and timeline of a large result come from at most this many of its sampled rows. */
export const SAMPLE_ROWS = 400;
/** Below this estimated size a date-ordered result is collected and sorted, not walked by index. */
export const SORT_IN_MEMORY = 20_000;
/** Collection or entity values times decades up to this many are looked up as paired keys ("c7@1950"). */
export const PAIRED_KEYS = 64;
/** A span of up to this many years is looked up by its year keys ("y1957", with the records of long spans). */
export const YEAR_KEYS = 64;
/** Facet values shown per facet. */
export const FACET_LIMIT = 12;
/** A correction's results are counted up to here to choose between equally near words. */
export const CORRECTION_COUNT = 100;
/** A word that exists is tried as at most this many other words when the query matches nothing. */
export const MAX_RESPELLINGS = 3;

/** Rows in the 1-in-64 sample. */
export const IN_SAMPLE = sql`(hashint4(sd.record_id) & ${raw(String(SAMPLE_RATE - 1))}) = 0`;
/** Rows in the fixed eighth with its own GIN index on title and names (the title tier of common words). */
export const IN_TITLE_SAMPLE = sql`(hashint4(sd.record_id) & 7) = 0`;
/**
 * The sample's rows written as the predicate of its date index, which only browsing without
 * words or filters should use: written alike, the planner ANDs that index's 7,800 rows into
 * filtered searches (5 ms instead of 0.3). x & 63 = 0 and x % 64 = 0 hold for the same integers.
 */
export const IN_SAMPLE_BROWSE = sql`(hashint4(sd.record_id) % ${raw(String(SAMPLE_RATE))}) = 0`;
