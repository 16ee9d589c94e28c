// Counting a result: its total, facet counts and timeline, exact up to COUNT_CAP matches and
// estimated from the fixed sample past it. Facet keys are counted here, in the app, from each
// matching row's generated match_keys string.
import { readRows } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { MAX_YEARS } from "../document";
import { FACETS, type Facet, type FacetValue } from "../engine";
import { ENTITY_FACETS } from "./filters";
import { COUNT_CAP, FACET_LIMIT, IN_SAMPLE, IN_SAMPLE_BROWSE, SAMPLE_RATE, SAMPLE_ROWS, type Reader } from "./tuning";

const { sql } = Prisma;

export type MatchKeys = { total: number; keys: string };

/**
 * `large`: counted, faceted and paged from the sample and the planner, not from the matches
 * themselves. `inTitle`: the estimated matches whose title or names hold every word (0 when browsing).
 */
export type Sampled = { keys: MatchKeys; estimate: number; large: boolean; inTitle: number };

/**
 * Count, facet counts and timeline. A result the sample puts above SAMPLED_ABOVE matches is
 * read from the sample alone (a few hundred rows at most for any word) and scaled: the page
 * says "about 36,000" and marks facet counts "≈". Otherwise the matches are counted exactly,
 * reading at most COUNT_CAP + 1 of them; if there are more after all, the total is the
 * sample's estimate and the first COUNT_CAP matches are scaled to it (the rebuild writes rows
 * in a shuffled order, so they are a fair sample rather than the oldest records).
 */
export async function aggregates(ctx: Reader, keys: MatchKeys, { estimate: sampleEstimate, large }: Sampled): Promise<{
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
  const names = await labels(ctx, 
    collections.map(([id]) => Number(id)),
    ENTITY_FACETS.flatMap((type) => entities[type].map(([id]) => Number(id))),
  );
  const labelled = (values: [string, number][], kind: "c" | "e") =>
    values
      .filter(([id]) => names.has(`${kind}${id}`))
      .map(([id, n]) => ({ value: id, label: names.get(`${kind}${id}`)!, count: scale(n) }))
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
 * (over ~25,600 matches) is sized by the planner instead, from its statistics (no rows read),
 * for the rows `planned` matches (by default `where`).
 */
export async function sample(ctx: Reader, where: Prisma.Sql, everything: boolean, titleMatch: Prisma.Sql | null = null, planned: Prisma.Sql = where): Promise<Sampled> {
  const keys = await matchKeys(ctx, sql`${where} AND ${everything ? IN_SAMPLE_BROWSE : IN_SAMPLE}`, SAMPLE_ROWS + 1, titleMatch);
  const estimate = keys.total <= SAMPLE_ROWS ? keys.total * SAMPLE_RATE : Math.max(await plannedRows(ctx, planned), keys.total * SAMPLE_RATE);
  // The title tier's share of the sampled rows, scaled like the total (its inline vector is read
  // with the row anyway): this tells a common word's title tier from a small one without asking
  // the planner in a statement of its own.
  const inTitle = keys.total === 0 ? 0 : Math.round(((keys.inTitle ?? 0) / keys.total) * estimate);
  return { keys, estimate, large: estimate > ctx.tuning.sampledAbove, inTitle };
}

/** The planner's estimate of the rows matching `where`, from its statistics (no rows read). */
export async function plannedRows(ctx: Reader, where: Prisma.Sql): Promise<number> {
  const [plan] = await readRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(ctx.db, sql`
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
export async function matchKeys(ctx: Reader, where: Prisma.Sql, limit: number, titleMatch: Prisma.Sql | null = null): Promise<MatchKeys & { inTitle?: number }> {
  const [row] = await readRows<MatchKeys & { inTitle?: number }>(ctx.db, sql`
    SELECT count(*)::int AS total, coalesce(string_agg(m.keys, ${SEPARATOR}), '') AS keys
      ${titleMatch ? sql`, (count(*) FILTER (WHERE m.in_title))::int AS "inTitle"` : sql``}
    FROM (SELECT sd.match_keys AS keys ${titleMatch ? sql`, ${titleMatch} AS in_title` : sql``} FROM search_documents sd ${where} LIMIT ${limit}) m`);
  return row!;
}

/** Names of the collections and entities shown as facet values ("c7", "e12" -> name). */
export async function labels(ctx: Reader, collectionIds: number[], entityIds: number[]): Promise<Map<string, string>> {
  if (collectionIds.length + entityIds.length === 0) return new Map();
  const rows = await readRows<{ key: string; label: string }>(ctx.db, sql`
    SELECT 'c' || id AS key, title AS label FROM collections WHERE id = ANY(${collectionIds}::int[])
    UNION ALL
    SELECT 'e' || entity_id, name FROM entity_names WHERE entity_id = ANY(${entityIds}::int[]) AND is_preferred`);
  return new Map(rows.map((r) => [r.key, r.label]));
}

export async function countUpTo(ctx: Reader, where: Prisma.Sql, cap: number): Promise<number> {
  const [row] = await readRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_documents sd ${where} LIMIT ${cap}) x`);
  return row!.n;
}

/** Key prefixes of the entity facets in match_keys. */
const ENTITY_KEY = { person: "p", organization: "o", place: "g", subject: "s" } as const;
/** Between keys: a control character, refused in every input, so never inside a value. */
export const SEPARATOR = "\u001f";

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

/** Two significant digits: an estimate should not look more precise than it is (36,155 -> 36,000). */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.max(1, Math.round(n));
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
