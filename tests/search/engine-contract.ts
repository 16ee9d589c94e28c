// The engine contract: the same behaviour asked of every search engine. Runs against PostgreSQL
// always, and against Meilisearch when MEILI_URL is set.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { buildSearchDocuments } from "../../server/search/document";
import { searchQuerySchema, searchWith, type SearchEngine, type SearchQueryInput } from "../../server/search/engine";
import { indexText } from "../../server/search/query/tokenize";
import { seedDemoArchive } from "../../server/seed/demo-archive";

const CHOE_NAMES = ["Choe Yong-geon", "Choe Yeonggeon", "Ch'oe Yong-gŏn", "Choi Yong-kun", "최용건", "崔庸健"];

export function describeEngineContract(name: string, makeEngine: () => SearchEngine) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    let ids: Record<string, number>;
    const search = (input: SearchQueryInput) => searchWith(engine, searchQuerySchema.parse(input));

    beforeAll(async () => {
      engine = makeEngine();
      await seedDemoArchive(db);
      await engine.configure();
      const records = await db.archivalRecord.findMany({ select: { id: true, publishedRevision: { select: { title: true } } } });
      ids = Object.fromEntries(records.map((r) => [r.publishedRevision!.title, r.id]));
      const docs = await buildSearchDocuments(db, records.map((r) => r.id));
      await engine.upsert([...docs.values()]);
    });

    const choeId = async () => (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;

    it("finds all nine of Choe Yong-geon's records whichever of his names is typed", async () => {
      for (const q of CHOE_NAMES) {
        const result = await search({ q });
        expect(result.total, q).toBe(9);
      }
    });

    it("says which variant matched", async () => {
      const result = await search({ q: "Choe Yeonggeon" });
      expect(result.hits.every((h) => h.matchedAs.includes("Choe Yeonggeon"))).toBe(true);
      const preferred = await search({ q: "Choe Yong-geon" });
      expect(preferred.hits.every((h) => h.matchedAs.length === 0)).toBe(true);
    });

    it("survives a typo: Shytkov finds the Shtykov telegrams", async () => {
      const result = await search({ q: "Shytkov" });
      expect(result.hits.map((h) => h.title).sort()).toEqual([
        "Ciphered Telegram, Shtykov to Deputy Foreign Minister Andrei Gromyko and Instantsia (Stalin)",
        "Telegram from Shtykov to Gromyko and Stalin",
      ]);
      // PostgreSQL corrects the word and says so; Meilisearch's typo tolerance is silent.
      if (engine.name === "postgres") expect(result.correctedQuery).toBe("shtykov");
    });

    it("matches prefixes, for search as you type", async () => {
      const result = await search({ q: "telegr" });
      expect(result.total).toBe(3);
      expect((await search({ q: "Puza" })).total).toBe(3);
    });

    it("folds accents and case", async () => {
      expect((await search({ q: "CH'OE YONG-GON" })).total).toBe(9);
      expect((await search({ q: "shqiperia" })).total).toBe(1);
    });

    it("finds the records with every word, or else with the most words, and says which it left out", async () => {
      const both = await search({ q: "Puzanov trade" });
      expect(both.total).toBe(2);
      expect(both.understood.omitted).toEqual([]);
      const relaxed = await search({ q: "Puzanov Hoxha" });
      expect(relaxed.total).toBeGreaterThan(0);
      expect(relaxed.understood.omitted).toHaveLength(1);
      // Exactly as typed: no record has both.
      expect((await search({ q: "Puzanov Hoxha", exact: true })).total).toBe(0);
    });

    it("counts facets and narrows by them", async () => {
      const all = await search({ q: "" });
      expect(all.total).toBe(9);
      const choe = all.facets.person.find((p) => p.label === "Choe Yong-geon");
      expect(choe?.count).toBe(9);
      expect(all.facets.decade).toEqual([
        { value: "1950", label: "1950s", count: 6 },
        { value: "1960", label: "1960s", count: 3 },
      ]);
      const korean = all.facets.collection.find((c) => c.label === "Korean War")!;
      expect(korean.count).toBe(2);
      const narrowed = await search({ q: "", filters: { collection: [Number(korean.value)] } });
      expect(narrowed.total).toBe(2);
      const puzanov = all.facets.person.find((p) => p.label === "Aleksandr Puzanov")!;
      const both = await search({ q: "", filters: { person: [Number(puzanov.value), await choeId()], type: ["journal_entry"] } });
      expect(both.total).toBe(3);
      expect((await search({ q: "", filters: { language: ["sq"] } })).total).toBe(1);
      expect((await search({ q: "", filters: { decade: [1960] } })).total).toBe(3);
    });

    it("combines decades with collection and person filters", async () => {
      const idsOf = async (filters: NonNullable<SearchQueryInput["filters"]>) =>
        (await search({ q: "", filters, pageSize: 100 })).hits.map((h) => h.id).sort((a, b) => a - b);
      const korean = Number((await search({ q: "" })).facets.collection.find((c) => c.label === "Korean War")!.value);
      const choe = await choeId();
      let nonEmpty = 0;
      for (const decade of [[1950], [1960], [1950, 1960], [1940]]) {
        const inDecades = new Set(await idsOf({ decade }));
        for (const filters of [{ collection: [korean] }, { person: [choe] }, { collection: [korean], person: [choe] }]) {
          const together = await idsOf({ ...filters, decade });
          expect(together, JSON.stringify({ ...filters, decade })).toEqual((await idsOf(filters)).filter((id) => inDecades.has(id)));
          if (together.length) nonEmpty++;
        }
      }
      expect(nonEmpty).toBeGreaterThan(3);
      // All nine records mention Choe Yong-geon; three of them are from the 1960s.
      expect((await search({ q: "", filters: { person: [choe], decade: [1960] } })).total).toBe(3);
      expect((await search({ q: "Puzanov", filters: { person: [choe], decade: [1960] } })).total).toBe(
        (await search({ q: "Puzanov", filters: { decade: [1960] } })).total,
      );
    });

    it("filters by a date range that overlaps the record's dates", async () => {
      expect((await search({ q: "", from: 1957, to: 1957 })).total).toBe(3);
      expect((await search({ q: "", from: 1960 })).total).toBe(3);
      expect((await search({ q: "", to: 1950 })).total).toBe(2);
      expect((await search({ q: "", from: 1990, to: 1980 })).total).toBe(0);
    });

    it("sorts by date both ways and by relevance", async () => {
      const oldest = await search({ q: "", sort: "oldest" });
      expect(oldest.hits[0]!.title).toBe("Telegram from Shtykov to Gromyko and Stalin");
      const newest = await search({ q: "", sort: "newest" });
      expect(newest.hits.map((h) => h.id)).toEqual(oldest.hits.map((h) => h.id).reverse());
      const relevant = await search({ q: "Hoxha" });
      expect(relevant.hits[0]!.title).toBe("Notes taken during a Meeting between Enver Hoxha and Choe Yong-geon");
    });

    it("matches a quoted phrase only where its words stand together, in that order", async () => {
      // Which records hold the phrase, read from their texts with the shared tokenizer.
      const docs = [...(await buildSearchDocuments(db, Object.values(ids))).values()];
      const holding = (phrase: string) =>
        docs
          .filter((d) => ` ${indexText([d.title, ...d.entities.flatMap((e) => [e.name, ...e.variants]), d.summary, d.fullText].join(" "))} `.includes(` ${indexText(phrase)} `))
          .map((d) => d.title)
          .sort();
      const expected = holding("Soviet Ambassador");
      expect(expected.length).toBeGreaterThan(0);
      const phrase = await search({ q: '"Soviet Ambassador"', pageSize: 50 });
      expect(phrase.hits.map((h) => h.title).sort()).toEqual(expected);
      // The same words anywhere find more: the Shtykov telegram has both, apart.
      const words = await search({ q: "Soviet Ambassador", pageSize: 50 });
      expect(words.total).toBeGreaterThan(phrase.total);
      // In the other order, no record has them together: exactly, nothing; otherwise the words, and it says so.
      expect((await search({ q: '"Ambassador Soviet"', exact: true })).total).toBe(0);
      const loose = await search({ q: '"Ambassador Soviet"', pageSize: 50 });
      expect(loose.understood.loosened).toEqual(["“Ambassador Soviet”"]);
      expect(loose.total).toBe(words.total);
      // A hyphenated word inside a phrase, with words after it.
      expect((await search({ q: '"Choe Yong-geon discuss"' })).hits.map((h) => h.title)).toEqual(holding("Choe Yong-geon discuss"));
      expect(holding("Choe Yong-geon discuss")).toHaveLength(1);
    });

    it("highlights the matched words in the summary", async () => {
      const result = await search({ q: "banknotes" });
      expect(result.total).toBe(1);
      const parts = result.hits[0]!.summaryParts;
      expect(parts.filter((_, i) => i % 2 === 1).map((p) => p.toLowerCase())).toContain("banknotes");
      expect(parts.join("")).toBe(
        "Puzanov and Choe Yong-geon discuss the printing of new DPRK banknotes, the state of USSR-DPRK trade, and the Korean timber workers employed in the Soviet Union.",
      );
    });

    it("pages, and answers a page beyond the last with no hits", async () => {
      const page3 = await search({ q: "", sort: "oldest", page: 3, pageSize: 4 });
      expect(page3.total).toBe(9);
      expect(page3.hits).toHaveLength(1);
      const beyond = await search({ q: "", page: 50 });
      expect(beyond.total).toBe(9);
      expect(beyond.hits).toHaveLength(0);
    });

    it("counts records per year for the timeline", async () => {
      const result = await search({ q: "Puzanov" });
      expect(result.timeline).toEqual([{ year: 1957, count: 3 }]);
    });

    it("takes any query safely", async () => {
      for (const q of ["", "   ", "!!!", "'; DROP TABLE records; --", "a & b | !c :* (d)", "<script>alert(1)</script>", "\u202Eevil", "x".repeat(500)]) {
        const result = await search({ q });
        expect(result.total, q).toBeGreaterThanOrEqual(0);
      }
      expect(await db.archivalRecord.count()).toBe(9);
    });

    it("deletes: a removed record leaves results and facets", async () => {
      const id = ids["Telegram from Czech Embassy in Pyongyang to Foreign Ministry"]!;
      await engine.delete([id]);
      const result = await search({ q: "" });
      expect(result.total).toBe(8);
      expect(result.hits.map((h) => h.id)).not.toContain(id);
      expect(result.facets.person.find((p) => p.label === "Choe Yong-geon")?.count).toBe(8);
      const docs = await buildSearchDocuments(db, [id]);
      await engine.upsert([...docs.values()]);
      expect((await search({ q: "" })).total).toBe(9);
    });

    it("reports the revision indexed for each record", async () => {
      const indexed = await engine.indexedRevisions();
      expect(indexed.size).toBe(9);
      const record = await db.archivalRecord.findFirstOrThrow({ select: { id: true, publishedRevisionId: true } });
      expect(indexed.get(record.id)).toBe(record.publishedRevisionId);
    });

    it("rebuilds the whole index, dropping what is not public, and answers searches throughout", async () => {
      const [doc] = [...(await buildSearchDocuments(db, [Object.values(ids)[0]!])).values()];
      await engine.upsert([{ ...doc!, id: 999_999, revisionId: 1 }]); // a document that should not be there
      expect((await engine.indexedRevisions()).has(999_999)).toBe(true);
      const allIds = Object.values(ids).sort((a, b) => a - b);
      const totalsDuring: number[] = [];
      async function* batches() {
        for (let i = 0; i < allIds.length; i += 4) {
          totalsDuring.push((await search({ q: "" })).total);
          yield [...(await buildSearchDocuments(db, allIds.slice(i, i + 4))).values()];
        }
      }
      expect(await engine.rebuild(batches())).toBe(9);
      expect(totalsDuring.every((t) => t >= 9)).toBe(true);
      const indexed = await engine.indexedRevisions();
      expect([...indexed.keys()].sort((a, b) => a - b)).toEqual(allIds);
      expect((await search({ q: "Choe Yeonggeon" })).total).toBe(9);
    });
  });
}
