// The Meilisearch engine at the HTTP boundary: the requests it makes and how it handles tasks,
// against a recorder that answers as the documented API does. With MEILI_URL set, the same
// engine also runs the full engine contract suite against that live server.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { buildSearchDocuments } from "../../server/search/document";
import { searchQuerySchema, searchWith } from "../../server/search/engine";
import { DESIRED_SETTINGS, MeilisearchEngine } from "../../server/search/meilisearch-engine";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { startFakeMeilisearch, type FakeMeili } from "../support/fake-meilisearch";
import { describeEngineContract } from "./engine-contract";
import { describeRelevanceContract } from "./relevance-contract";

const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

describe("Meilisearch engine, at the HTTP boundary", () => {
  let fake: FakeMeili;
  let engine: MeilisearchEngine;

  beforeAll(async () => {
    await seedDemoArchive(db);
    fake = await startFakeMeilisearch();
    engine = new MeilisearchEngine(db, { host: fake.url, apiKey: "test-master-key" });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.onSearch = null;
    fake.requests.length = 0;
    fake.taskOutcome = "succeeded";
  });

  const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  it("creates the index and sends the settings, with synonyms from every variant name, then awaits each task", async () => {
    await engine.configure();
    expect(calls()).toEqual([
      "GET /indexes/records",
      "POST /indexes",
      "GET /tasks/1",
      "GET /indexes/records/settings",
      "PATCH /indexes/records/settings",
      "GET /tasks/2",
    ]);
    expect(fake.requests[1]!.body).toEqual({ uid: "records", primaryKey: "id" });
    const settings = fake.requests[4]!.body as typeof DESIRED_SETTINGS & { synonyms: Record<string, string[]> };
    expect(settings.searchableAttributes).toEqual(["titleWords", "namesWords", "summaryWords", "textWords"]);
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(settings.stopWords).toEqual(expect.arrayContaining(["and", "the", "of"]));
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["personIds", "collectionIds", "decade", "yearStart", "yearEnd"]));
    expect(settings.sortableAttributes).toContain("dateEarliestDay");
    expect(settings.synonyms["choe yeonggeon"]).toEqual(expect.arrayContaining(["choe yong geon yonggeon", "choe yong gon yonggon", "최용건"]));
    expect(settings.synonyms["mao tse tung tsetung"]).toEqual(expect.arrayContaining(["mao zedong", "毛泽东"]));
  });

  it("leaves settings alone when they already match", async () => {
    await engine.configure();
    expect(calls()).toEqual(["GET /indexes/records", "GET /indexes/records/settings"]);
  });

  it("sends the API key and reports health", async () => {
    expect(await engine.health()).toEqual({ ok: true });
    expect(fake.requests[0]!.path).toBe("/health");
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer test-master-key");
  });

  it("upserts flat documents with their variant names and awaits the task", async () => {
    const docs = [...(await buildSearchDocuments(db, [1, 2])).values()];
    await engine.upsert(docs);
    expect(calls()).toEqual(["POST /indexes/records/documents", "GET /tasks/3"]);
    expect(fake.requests[0]!.query.get("primaryKey")).toBe("id");
    const sent = fake.requests[0]!.body as { id: number; namesWords: string[]; titleWords: string; personIds: number[]; dateEarliestDay: number; years: number[] }[];
    expect(sent.map((d) => d.id)).toEqual([1, 2]);
    // Texts as the shared tokenizer reads them, so both engines match the same words.
    expect(sent[0]!.namesWords).toEqual(expect.arrayContaining(["choe yeonggeon", "штыков"]));
    expect(sent[0]!.titleWords).toBe("telegram from shtykov to gromyko and stalin");
    expect(sent[0]!.years).toEqual([1950]);
    expect(sent[0]!.dateEarliestDay).toBe(Math.round(Date.parse("1950-09-29T00:00:00Z") / 86_400_000));
  });

  it("treats a failed task as an error", async () => {
    fake.taskOutcome = "failed";
    const docs = [...(await buildSearchDocuments(db, [1])).values()];
    await expect(engine.upsert(docs)).rejects.toThrow(/failed: Document identifier `x` is invalid/);
    await expect(engine.delete([1])).rejects.toThrow(/documentDeletion\) failed/);
  });

  it("deletes by id", async () => {
    await engine.delete([4, 5]);
    expect(calls()).toEqual(["POST /indexes/records/documents/delete-batch", expect.stringMatching(/^GET \/tasks\/\d+$/)]);
    expect(fake.requests[0]!.body).toEqual([4, 5]);
  });

  it("searches with filters, facets, sort and pagination, and maps the answer", async () => {
    const [doc] = [...(await buildSearchDocuments(db, [5])).values()];
    fake.searchResponse = {
      hits: [{ id: 5, document: doc, _formatted: { summaryWords: "puzanov and \u0001choe\u0002 yong geon yonggeon discuss" } }],
      query: "Choe Yeonggeon", processingTimeMs: 2, hitsPerPage: 20, page: 2, totalPages: 2, totalHits: 21,
      facetDistribution: { personIds: { "1": 21, "6": 3 }, collectionIds: { "2": 19 }, decade: { "1960": 3, "1950": 18 }, years: { "1957": 3, "1950": 2 }, language: { ru: 5 }, documentType: { telegram: 3 } },
    };
    const choe = (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;
    const result = await searchWith(
      engine,
      searchQuerySchema.parse({ q: "Choe Yeonggeon July 1957", filters: { person: [choe], type: ['tele"gram'] }, from: 1957, to: 1960, sort: "newest", page: 2 }),
    );
    expect(calls()).toEqual(["POST /indexes/records/search"]);
    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      q: "choe yeonggeon",
      filter: [`personIds IN [${choe}]`, 'documentType IN ["tele\\"gram"]', "yearEnd >= 1957", "yearStart <= 1960", `dateLatestDay >= ${day("1957-07-01")}`, `dateEarliestDay <= ${day("1957-07-31")}`],
      sort: ["dateEarliestDay:desc", "id:desc"],
      page: 2,
      hitsPerPage: 20,
      attributesToHighlight: ["summaryWords", "namesWords"],
      matchingStrategy: "all",
      highlightPreTag: "\u0001",
      highlightPostTag: "\u0002",
    });
    expect(body.facets).toEqual(expect.arrayContaining(["personIds", "collectionIds", "decade", "years", "language", "documentType"]));
    expect(result.total).toBe(21);
    expect(result.hits[0]).toMatchObject({ id: 5, matchedAs: ["Choe Yeonggeon"] });
    expect(result.hits[0]!.summaryParts.filter((_, i) => i % 2 === 1)).toContain("Choe");
    expect(result.understood.date?.label).toBe("July 1957");
    expect(result.facets.person[0]).toEqual({ value: String(choe), label: "Choe Yong-geon", count: 21 });
    expect(result.facets.collection[0]).toEqual({ value: "2", label: "North Korea and the Socialist Bloc", count: 19 });
    expect(result.facets.decade.map((d) => d.label)).toEqual(["1950s", "1960s"]);
    expect(result.timeline).toEqual([{ year: 1950, count: 2 }, { year: 1957, count: 3 }]);
  });

  it("relaxes as the PostgreSQL engine does: weighs each word, finds which match together, searches again without the rest", async () => {
    const [doc] = [...(await buildSearchDocuments(db, [4])).values()];
    // A tiny archive as Meilisearch would answer: "kirghizia" is in no record; the others meet.
    const holds = (q: string) => q.split(" ").every((w) => ["kim", "il", "sung"].includes(w));
    fake.onSearch = ({ q }) => {
      const n = q && holds(q) ? 4 : 0;
      return { hits: n ? [{ id: 4, document: doc }] : [], query: q, processingTimeMs: 1, hitsPerPage: 20, page: 1, totalPages: n ? 1 : 0, totalHits: n, facetDistribution: {} };
    };
    const result = await searchWith(engine, searchQuerySchema.parse({ q: "Kim Il Sung Kirghizia" }));
    expect(result.total).toBe(4);
    expect(result.understood.omitted).toEqual(["Kirghizia"]);
    const searches = fake.requests.filter((r) => r.path.endsWith("/search")).map((r) => (r.body as { q: string }).q);
    expect(searches).toEqual(["kim il sung kirghizia", "kim il sung"]);
    expect(calls()).toContain("POST /multi-search");
    // Exactly as typed: no relaxation.
    fake.requests.length = 0;
    expect((await searchWith(engine, searchQuerySchema.parse({ q: "Kim Il Sung Kirghizia", exact: true }))).total).toBe(0);
    expect(calls()).toEqual(["POST /indexes/records/search"]);
  });

  it("searches a quoted phrase no record has as typed as its words, before relaxing, as the PostgreSQL engine does", async () => {
    const [doc] = [...(await buildSearchDocuments(db, [4])).values()];
    // Meilisearch finds the words but not the phrase as typed.
    fake.onSearch = ({ q }) => {
      const n = q && !q.includes('"') ? 1 : 0;
      return { hits: n ? [{ id: 4, document: doc }] : [], query: q, processingTimeMs: 1, hitsPerPage: 20, page: 1, totalPages: n, totalHits: n, facetDistribution: {} };
    };
    const result = await searchWith(engine, searchQuerySchema.parse({ q: '"Choe Yonggeon and Kim" banknotes' }));
    expect(result.total).toBe(1);
    expect(result.understood.loosened).toEqual(["“Choe Yonggeon and Kim”"]);
    expect(result.understood.omitted).toEqual([]);
    const searches = fake.requests.filter((r) => r.path.endsWith("/search")).map((r) => (r.body as { q: string }).q);
    expect(searches).toEqual(['"choe yonggeon and kim" banknotes', "banknotes choe yonggeon kim"]);
    // Whether the phrase alone finds anything was asked first (it did not: loosened).
    expect(fake.requests.filter((r) => r.path === "/multi-search").map((r) => (r.body as { queries: { q: string }[] }).queries.map((q) => q.q))).toEqual([['"choe yonggeon and kim"']]);
    // Exactly as typed: the phrase stays a phrase.
    fake.requests.length = 0;
    const exact = await searchWith(engine, searchQuerySchema.parse({ q: '"Choe Yonggeon and Kim" banknotes', exact: true }));
    expect(exact.total).toBe(0);
    expect(exact.understood.loosened).toEqual([]);
    expect(calls()).toEqual(["POST /indexes/records/search"]);
  });

  it("rebuilds into a new index and swaps it in", async () => {
    fake.indexExists = true;
    async function* batches() {
      yield [...(await buildSearchDocuments(db, [1, 2, 3])).values()];
    }
    expect(await engine.rebuild(batches())).toBe(3);
    const order = calls().filter((c) => !c.startsWith("GET /tasks"));
    expect(order).toContain("POST /indexes/records_rebuild/documents");
    expect(order.indexOf("POST /swap-indexes")).toBeGreaterThan(order.indexOf("POST /indexes/records_rebuild/documents"));
    expect(order.at(-1)).toBe("DELETE /indexes/records_rebuild");
    const swap = fake.requests.find((r) => r.path === "/swap-indexes")!;
    expect(swap.body).toEqual([{ indexes: ["records", "records_rebuild"], rename: false }]);
  });
});

// Against a live Meilisearch only when one is configured (none can run on our build machines).
const liveUrl = process.env.MEILI_URL;
describe.skipIf(!liveUrl)("live Meilisearch (runs when MEILI_URL is set)", () => {
  const indexUid = `records_test_${randomBytes(4).toString("hex")}`;
  const engine = liveUrl ? new MeilisearchEngine(db, { host: liveUrl, apiKey: process.env.MEILI_MASTER_KEY, indexUid }) : null;
  afterAll(async () => {
    await engine?.client.deleteIndexIfExists(indexUid);
  });
  if (engine) describeEngineContract("Meilisearch (live)", () => engine);
  const relevanceUid = `${indexUid}_relevance`;
  const relevanceEngine = liveUrl ? new MeilisearchEngine(db, { host: liveUrl, apiKey: process.env.MEILI_MASTER_KEY, indexUid: relevanceUid }) : null;
  afterAll(async () => {
    await relevanceEngine?.client.deleteIndexIfExists(relevanceUid);
  });
  if (relevanceEngine) describeRelevanceContract("Meilisearch (live)", () => relevanceEngine);
  it("is reachable", async () => {
    expect((await engine!.health()).ok).toBe(true);
  });
});
