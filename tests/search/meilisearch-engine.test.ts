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
    expect(settings.searchableAttributes).toEqual(["title", "names", "summary", "fullText"]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["personIds", "collectionIds", "decade", "yearStart", "yearEnd"]));
    expect(settings.sortableAttributes).toContain("dateEarliestDay");
    expect(settings.synonyms["choe yeonggeon"]).toEqual(expect.arrayContaining(["choe yong-geon", "ch'oe yong-gŏn", "최용건"]));
    expect(settings.synonyms["mao tse-tung"]).toEqual(expect.arrayContaining(["mao zedong", "毛泽东"]));
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
    const sent = fake.requests[0]!.body as { id: number; names: string[]; personIds: number[]; dateEarliestDay: number; years: number[] }[];
    expect(sent.map((d) => d.id)).toEqual([1, 2]);
    expect(sent[0]!.names).toEqual(expect.arrayContaining(["Choe Yeonggeon", "Штыков"]));
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
      hits: [{ id: 5, document: doc, _formatted: { summary: "Puzanov and \u0001Choe\u0002 Yong-geon discuss" } }],
      query: "Choe Yeonggeon", processingTimeMs: 2, hitsPerPage: 20, page: 2, totalPages: 2, totalHits: 21,
      facetDistribution: { personIds: { "1": 21, "6": 3 }, collectionIds: { "2": 19 }, decade: { "1960": 3, "1950": 18 }, years: { "1957": 3, "1950": 2 }, language: { ru: 5 }, documentType: { telegram: 3 } },
    };
    const choe = (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;
    const result = await searchWith(
      engine,
      searchQuerySchema.parse({ q: "Choe Yeonggeon", filters: { person: [choe], type: ['tele"gram'] }, from: 1957, to: 1960, sort: "newest", page: 2 }),
    );
    expect(calls()).toEqual(["POST /indexes/records/search"]);
    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      q: "Choe Yeonggeon",
      filter: [`personIds IN [${choe}]`, 'documentType IN ["tele\\"gram"]', "yearEnd >= 1957", "yearStart <= 1960"],
      sort: ["dateEarliestDay:desc", "id:desc"],
      page: 2,
      hitsPerPage: 20,
      attributesToHighlight: ["summary"],
      matchingStrategy: "all",
      highlightPreTag: "\u0001",
      highlightPostTag: "\u0002",
    });
    expect(body.facets).toEqual(expect.arrayContaining(["personIds", "collectionIds", "decade", "years", "language", "documentType"]));
    expect(result.total).toBe(21);
    expect(result.hits[0]).toMatchObject({ id: 5, summaryParts: ["Puzanov and ", "Choe", " Yong-geon discuss"], matchedAs: ["Choe Yeonggeon"] });
    expect(result.facets.person[0]).toEqual({ value: String(choe), label: "Choe Yong-geon", count: 21 });
    expect(result.facets.collection[0]).toEqual({ value: "2", label: "North Korea and the Socialist Bloc", count: 19 });
    expect(result.facets.decade.map((d) => d.label)).toEqual(["1950s", "1960s"]);
    expect(result.timeline).toEqual([{ year: 1950, count: 2 }, { year: 1957, count: 3 }]);
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
  it("is reachable", async () => {
    expect((await engine!.health()).ok).toBe(true);
  });
});
