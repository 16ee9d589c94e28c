// The record editor's entity picker: any spelling, accent- and case-insensitive, prefixes, word
// prefixes and typos; one row per entity with the name that matched.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { createEntity } from "../../server/entities/entities";
import { matchEntityNames } from "../../server/entities/picker";
import { seedDemoArchive } from "../../server/seed/demo-archive";

const first = async (q: string, options?: Parameters<typeof matchEntityNames>[2]) => (await matchEntityNames(db, q, options))[0];

beforeAll(async () => {
  await seedDemoArchive(db);
});

describe("entity picker", () => {
  it.each([
    ["choe yeong", "Choe Yeonggeon"],
    ["CHOE YEONGGEON", "Choe Yeonggeon"],
    ["Ch'oe Yong-gŏn", "Ch'oe Yong-gŏn"],
    ["choi", "Choi Yong-kun"],
    ["최용", "최용건"],
    ["yeonggeon", "Choe Yeonggeon"],
    ["Choe Yeongeon", "Choe Yeonggeon"],
  ])("“%s” finds Choe Yong-geon, matched as “%s”", async (q, matched) => {
    const match = await first(q);
    expect(match).toMatchObject({ preferred: "Choe Yong-geon", name: matched, type: "person" });
  });

  it("finds Cyrillic variants and typos in surnames", async () => {
    expect((await first("Штык"))?.preferred).toBe("Terentii Shtykov");
    expect((await first("shytkov"))?.preferred).toBe("Terentii Shtykov");
  });

  it("returns each entity once, and honours the type filter and the limit", async () => {
    const matches = await matchEntityNames(db, "kim", { limit: 3 });
    expect(new Set(matches.map((m) => m.entityId)).size).toBe(matches.length);
    expect(matches.length).toBeLessThanOrEqual(3);
    expect(await matchEntityNames(db, "choe", { type: "place" })).toEqual([]);
  });

  it("never offers a merged entity, and offers unpublished ones to editors only", async () => {
    const survivor = await createEntity(db, { type: "person", names: [{ name: "Zelig Quorn", language: "en", preferred: true }], description: "", datesText: "", identifiers: [] });
    const merged = await createEntity(db, { type: "person", names: [{ name: "Zelig Quorne", language: "en", preferred: true }], description: "", datesText: "", identifiers: [] });
    await db.entity.update({ where: { id: merged.id }, data: { mergedIntoId: survivor.id } });
    const found = await matchEntityNames(db, "zelig");
    expect(found.map((m) => m.entityId)).toEqual([survivor.id]);
    expect(await matchEntityNames(db, "zelig", { publishedOnly: true })).toEqual([]);
  });

  it("ignores input that has no letters or digits", async () => {
    expect(await matchEntityNames(db, "  '-- %_ ")).toEqual([]);
  });
});
