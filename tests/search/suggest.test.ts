import { beforeAll, describe, expect, it } from "vitest";
import { displayDate } from "../../server/dates/display";
import { db } from "../../server/db";
import { createEntity } from "../../server/entities/entities";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { suggest } from "../../server/search/suggest";
import { drainOutbox } from "../../server/search/sync";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor } from "../support/callers";

const engine = new PostgresSearchEngine(db);

describe("suggestions as you type", () => {
  beforeAll(async () => {
    await seedDemoArchive(db);
    await drainOutbox(db, engine);
  });

  it("suggests names in any spelling, with the preferred form, and top titles", async () => {
    const result = await suggest(db, engine, "choe yeo");
    expect(result.names[0]).toMatchObject({ name: "Choe Yeonggeon", preferred: "Choe Yong-geon", type: "person" });
    const hangul = await suggest(db, engine, "최용");
    expect(hangul.names.map((n) => n.name)).toContain("최용건");
    const titles = await suggest(db, engine, "puzanov");
    expect(titles.records).toHaveLength(3);
    // Dates as every page shows them, not as each editor typed them.
    for (const r of titles.records) expect(r.date).toMatch(/^(\d{1,2}(–\d{1,2})? )?(January|February|March|April|May|June|July|August|September|October|November|December)? ?\d{4}$/);
  });

  it("gives search hits' dates as pages show them, for client components (the editor's link picker)", async () => {
    const api = await callerFor(null);
    const { hits } = await api.search.query({ q: "Shtykov" });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.date).toBe(displayDate(hit.dateText).text);
    expect(hits.some((h) => h.date !== h.dateText)).toBe(true);
  });

  it("forgives a typo in a name", async () => {
    const result = await suggest(db, engine, "shtykof");
    expect(result.names.map((n) => n.preferred)).toContain("Terentii Shtykov");
  });

  it("never suggests an entity no published record mentions", async () => {
    await createEntity(db, {
      type: "person",
      names: [{ name: "Unpublished Person", language: "en", preferred: true }],
      description: "",
      datesText: "",
      identifiers: [],
    });
    expect((await suggest(db, engine, "unpublished")).names).toEqual([]);
  });

  it("answers nothing for a query too short or only punctuation", async () => {
    expect(await suggest(db, engine, "c")).toEqual({ names: [], records: [] });
    expect(await suggest(db, engine, "%_%")).toEqual({ names: [], records: [] });
  });
});
