// How the PostgreSQL engine behaves past its exact-count cap (docs/decisions/0008-search-at-scale.md):
// estimated totals and facets, two relevance tiers that page without overlap, prefix completion
// through the lexicon, and date filters that the planner cannot misuse.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import type { SearchDocument } from "../../server/search/document";
import { searchQuerySchema, searchWith, type SearchHit, type SearchQueryInput } from "../../server/search/engine";
import { COUNT_CAP, PostgresSearchEngine, RELEVANCE_WINDOW, OTHER_BLOCK, roundEstimate } from "../../server/search/postgres-engine";

const engine = new PostgresSearchEngine(db);
const search = (input: SearchQueryInput) => searchWith(engine, searchQuerySchema.parse(input));

const SIZE = 1_600;
/** Record ids of the documents whose title holds the query word (the first relevance tier). */
const TITLED = [7, 300, 1_234];

function doc(id: number): SearchDocument {
  const year = id % 2 === 0 ? 1952 : 1963; // half in the 1950s, half in the 1960s
  const date = `${year}-0${1 + (id % 9)}-1${id % 10}`;
  return {
    id,
    revisionId: id,
    title: TITLED.includes(id) ? `Harvest report ${id}` : `Field report ${id}`,
    summary: `A report on the grain harvest of the district, number ${id}${id % 4 === 0 ? ", with tractor figures" : ""}.`,
    fullText: "",
    dateText: date,
    dateEarliest: date,
    dateLatest: date,
    years: [year],
    decade: Math.floor(year / 10) * 10,
    documentType: "report",
    language: id % 3 === 0 ? "ru" : "ko",
    collections: [],
    entities: [],
  };
}

beforeAll(async () => {
  const docs = Array.from({ length: SIZE }, (_, i) => doc(i + 1));
  for (let i = 0; i < docs.length; i += 400) await engine.upsert(docs.slice(i, i + 400));
  await db.$executeRawUnsafe("ANALYZE search_documents");
});

describe("PostgreSQL engine past its exact-count cap", () => {
  it("counts small results exactly", async () => {
    const result = await search({ q: "tractor", filters: { decade: [1950] } });
    expect(result.isEstimate).toBe(false);
    expect(result.total).toBe(SIZE / 4); // every fourth id is even, so all of them are in the 1950s
    expect(result.reachable).toBe(result.total);
    expect(result.facets.decade).toEqual([{ value: "1950", label: "1950s", count: SIZE / 4 }]);
  });

  it("estimates a huge result's total and facets, and says so", async () => {
    const result = await search({ q: "harvest" });
    expect(SIZE).toBeGreaterThan(COUNT_CAP);
    expect(result.isEstimate).toBe(true);
    expect(result.total).toBeGreaterThan(SIZE * 0.7);
    expect(result.total).toBeLessThan(SIZE * 1.3);
    expect(result.total).toBe(roundEstimate(result.total)); // shown as "about 1,600", not 1,613
    const decades = Object.fromEntries(result.facets.decade.map((d) => [d.value, d.count]));
    expect(decades["1950"]).toBeGreaterThan(SIZE * 0.35);
    expect(decades["1960"]).toBeGreaterThan(SIZE * 0.35);
    expect(result.timeline.map((t) => t.year)).toEqual([1952, 1963]);
  });

  it("ranks records with the words in the title first, then the rest newest first", async () => {
    const result = await search({ q: "harvest" });
    expect(result.hits.slice(0, TITLED.length).map((h) => h.id).sort((a, b) => a - b)).toEqual(TITLED);
    const rest = result.hits.slice(TITLED.length);
    expect(rest.length).toBeGreaterThan(0);
    for (let i = 1; i < rest.length; i++) expect(rest[i - 1]!.dateEarliest >= rest[i]!.dateEarliest).toBe(true);
  });

  it("pages through the relevance window without repeating or skipping a record", async () => {
    const first = await search({ q: "harvest" });
    expect(first.reachable).toBe(RELEVANCE_WINDOW);
    const seen: SearchHit[] = [];
    // 100 per page: pages start inside the second tier's blocks and cross their boundaries.
    for (let page = 1; page <= RELEVANCE_WINDOW / 100 + 1; page++) {
      const result = await search({ q: "harvest", page, pageSize: 100 });
      seen.push(...result.hits);
    }
    const ids = seen.map((h) => h.id);
    expect(ids).toHaveLength(RELEVANCE_WINDOW);
    expect(new Set(ids).size).toBe(RELEVANCE_WINDOW);
    expect(ids.slice(0, TITLED.length).sort((a, b) => a - b)).toEqual(TITLED);
    // The rest: newest first within each block of OTHER_BLOCK, as every page size sees it.
    const rest = seen.slice(TITLED.length);
    for (let i = 1; i < rest.length; i++) {
      if (i % OTHER_BLOCK !== 0) expect(rest[i - 1]!.dateEarliest >= rest[i]!.dateEarliest).toBe(true);
    }
    const byTwenty: number[] = [];
    for (let page = 1; page <= 15; page++) byTwenty.push(...(await search({ q: "harvest", page })).hits.map((h) => h.id));
    expect(byTwenty).toEqual(ids.slice(0, 300));
  });

  it("reads the same pages whether a result is counted exactly or read as large", async () => {
    // A result counted exactly takes its page from the scan that counts it; a large one reads
    // the page on its own (the second tier's blocks, or the date index). The pages must agree.
    const asLarge = new PostgresSearchEngine(db, { sampledAbove: 0 });
    const queries: SearchQueryInput[] = [
      ...[1, 2, 5, 10].map((page) => ({ q: "harvest", page, pageSize: 100 })),
      { q: "harvest", filters: { decade: [1950] } },
      { q: "harvest", filters: { decade: [1950] }, page: 3, pageSize: 100 },
      { q: "", sort: "oldest" as const, filters: { decade: [1960] }, page: 2 },
      { q: "report", sort: "newest" as const, filters: { language: ["ru"] }, page: 4, pageSize: 50 },
    ];
    for (const input of queries) {
      const query = searchQuerySchema.parse(input);
      const [exact, large] = await Promise.all([searchWith(engine, query), searchWith(asLarge, query)]);
      expect(exact.hits.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(large.hits.map((h) => h.id), JSON.stringify(input)).toEqual(exact.hits.map((h) => h.id));
    }
  });

  it("pages a date typed alone in date order, long spans that began before it first, alike counted or large", async () => {
    // Two records whose dates began before 1952 and run into it, and one that ends before it.
    const spanning = (id: number, from: string, to: string): SearchDocument => ({ ...doc(id), dateText: `${from}/${to}`, dateEarliest: from, dateLatest: to, years: [] });
    const extra = [spanning(9001, "1940-01-01", "1970-12-31"), spanning(9002, "1951-06-01", "1952-02-01"), spanning(9003, "1930-01-01", "1951-12-31"), spanning(9004, "1952-11-01", "1953-03-01")];
    await engine.upsert(extra);
    try {
      const asLarge = new PostgresSearchEngine(db, { sampledAbove: 0 });
      const inputs: SearchQueryInput[] = [
        { q: "1952" },
        { q: "1952", page: 3 },
        { q: "1952", page: 9, pageSize: 100 },
        { q: "1952", sort: "oldest" },
        { q: "1950s", from: 1951, to: 1952 }, // with the year-range filter too
        { q: "1952", sort: "newest" },
        { q: "1950s", sort: "oldest", page: 2, pageSize: 50 },
        { q: "before 1955", sort: "oldest" },
        { q: "20th century", sort: "newest", page: 2 },
      ];
      for (const input of inputs) {
        const query = searchQuerySchema.parse(input);
        const [exact, large] = await Promise.all([searchWith(engine, query), searchWith(asLarge, query)]);
        expect(large.hits.length, JSON.stringify(input)).toBeGreaterThan(0);
        expect(large.hits.map((h) => h.id), JSON.stringify(input)).toEqual(exact.hits.map((h) => h.id));
      }
      const oldest = await searchWith(asLarge, searchQuerySchema.parse({ q: "1952", sort: "oldest" }));
      expect(oldest.understood.date?.label).toBe("1952");
      expect(oldest.hits.slice(0, 2).map((h) => h.id)).toEqual([9001, 9002]); // began before 1952, in date order
      expect(oldest.hits.every((h) => h.id !== 9003)).toBe(true); // ended in 1951
      expect(oldest.hits.slice(2).every((h) => h.dateEarliest.startsWith("1952"))).toBe(true);
      const newest = await searchWith(asLarge, searchQuerySchema.parse({ q: "1952", sort: "newest", pageSize: 100, page: 9 }));
      expect(newest.hits.map((h) => h.id).slice(-2)).toEqual([9002, 9001]); // the last of 800 + 3, newest first
      // In relevance order the records wholly inside 1952 come first, then the ones that run over it, oldest first.
      const relevant = await searchWith(asLarge, searchQuerySchema.parse({ q: "1952" }));
      expect(relevant.hits.every((h) => h.dateEarliest.startsWith("1952") && !extra.some((d) => d.id === h.id))).toBe(true);
      const last = await searchWith(asLarge, searchQuerySchema.parse({ q: "1952", pageSize: 100, page: 9 }));
      expect(last.hits.map((h) => h.id)).toEqual([9001, 9002, 9004]);
      const century = await searchWith(asLarge, searchQuerySchema.parse({ q: "19th century" }));
      expect(century.total).toBe(0);
    } finally {
      await engine.delete(extra.map((d) => d.id));
    }
  });

  it("ranks a common word's title matches from a fixed eighth of the index", async () => {
    // Every title holds "report": with a first tier of 40, the eighth (~200 records) holds enough.
    const withEighth = new PostgresSearchEngine(db, { rankCap: 40, titleSampleFrom: 0 });
    const withoutEighth = new PostgresSearchEngine(db, { rankCap: 40, titleSampleFrom: Infinity });
    const eighth = new Set((await db.$queryRaw<{ id: number }[]>`SELECT record_id AS id FROM search_documents WHERE (hashint4(record_id) & 7) = 0`).map((r) => r.id));
    expect(eighth.size).toBeGreaterThan(40);
    const firstTier = async (engine: PostgresSearchEngine) => {
      const pages = await Promise.all([1, 2].map((page) => searchWith(engine, searchQuerySchema.parse({ q: "report", page }))));
      return pages.flatMap((p) => p.hits.map((h) => h.id));
    };
    const fromEighth = await firstTier(withEighth);
    expect(new Set(fromEighth).size).toBe(40);
    expect(fromEighth.every((id) => eighth.has(id))).toBe(true);
    expect((await firstTier(withoutEighth)).some((id) => !eighth.has(id))).toBe(true);
    // Fewer title matches in the eighth than the tier's size: the whole index, as without it.
    const harvest = searchQuerySchema.parse({ q: "harvest" });
    expect((await searchWith(withEighth, harvest)).hits.map((h) => h.id)).toEqual((await searchWith(withoutEighth, harvest)).hits.map((h) => h.id));
  });

  it("completes the word being typed from the indexed words", async () => {
    const typed = await search({ q: "tract", filters: { decade: [1950] } });
    expect(typed.total).toBe(SIZE / 4);
    expect(typed.hits[0]!.summaryParts.filter((_, i) => i % 2 === 1).map((p) => p.toLowerCase())).toContain("tractor");
    // Earlier words must be whole words: only the last one is being typed.
    expect((await search({ q: "tract figures", filters: { decade: [1950] }, exact: true })).total).toBe(0);
  });

  it("sorts a date-filtered result by date, however the filter correlates with date", async () => {
    const oldest = await search({ q: "", sort: "oldest", filters: { decade: [1960] } });
    expect(oldest.hits[0]!.dateEarliest.startsWith("1963")).toBe(true);
    const newest = await search({ q: "harvest", sort: "newest", filters: { decade: [1950] } });
    expect(newest.hits.every((h) => h.dateEarliest.startsWith("1952"))).toBe(true);
    expect(newest.hits[0]!.dateEarliest).toBe("1952-09-18");
  });

  it("takes year 0 and years BC in date filters", async () => {
    for (const [from, to] of [[0, 0], [-500, 0], [-1, 1], [0, 1999], [-5000, 5000]] as const) {
      const result = await search({ q: "", from, to });
      expect(result.total, `${from}–${to}`).toBe(to >= 1952 ? SIZE : 0);
    }
    expect((await search({ q: "", filters: { decade: [0, -10] } })).total).toBe(0);
  });
});
