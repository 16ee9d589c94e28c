// Sitemaps and Atom feeds: every public page once, nothing unpublished, ranges of ids per
// sitemap; feeds of the archive, a collection and an entity (with entities merged into it).
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { atomFeed } from "../../server/feeds/atom";
import { recordContentSchema } from "../../server/records/content";
import { withdrawRecord } from "../../server/records/lifecycle";
import { publishRevision } from "../../server/records/publish";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { collectionsSitemap, sitemap, sitemapIndex } from "../../server/sitemaps/sitemaps";
import { recordPath } from "../../server/slug";
import { makeUser } from "../support/callers";

const APP = "https://archive.example.org";
const site = { appUrl: APP, archiveName: "Dossier" };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["url", "sitemap", "entry", "link"].includes(name) });

async function text(chunks: AsyncGenerator<string> | null): Promise<string> {
  if (!chunks) throw new Error("no sitemap");
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}
const locs = (xml: string) => ((parser.parse(xml).urlset.url ?? []) as { loc: string }[]).map((u) => u.loc);

describe("sitemaps", () => {
  let withdrawn: number;
  let published: { id: number; title: string }[];

  beforeAll(async () => {
    await seedDemoArchive(db);
    const admin = await makeUser("admin");
    const first = await db.archivalRecord.findFirstOrThrow({ where: { status: "published" }, orderBy: { id: "asc" } });
    await withdrawRecord(db, { actorId: admin.id, recordId: first.id, expectedVersion: first.version, reason: "test" });
    withdrawn = first.id;
    await db.archivalRecord.create({ data: {} }); // a draft
    published = (await db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true, publishedRevision: { select: { title: true } } }, orderBy: { id: "asc" } })).map((r) => ({ id: r.id, title: r.publishedRevision!.title }));
  });

  it("lists every published record's canonical URL once, split into ranges of ids, and nothing unpublished", async () => {
    const index = parser.parse(await sitemapIndex(db, APP, 4)).sitemapindex.sitemap as { loc: string; lastmod: string }[];
    const recordMaps = index.map((s) => s.loc).filter((l) => l.includes("/sitemaps/records-"));
    expect(recordMaps.length).toBeGreaterThan(1);
    expect(index.every((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s.lastmod))).toBe(true);
    const urls: string[] = [];
    for (const loc of recordMaps) {
      const number = Number(/records-(\d+)\.xml$/.exec(loc)![1]);
      const xml = await text(sitemap(db, APP, "records", number, 4));
      expect(locs(xml).length).toBeLessThanOrEqual(4);
      urls.push(...locs(xml));
    }
    expect(urls).toEqual(published.map((r) => `${APP}${recordPath(r)}`));
    expect(urls.some((u) => u.includes(`/records/${withdrawn}-`))).toBe(false);
  });

  it("lists entities (not merged ones) and collections; an out-of-range sitemap is empty, a bad number none", async () => {
    const entities = locs(await text(sitemap(db, APP, "entities", 1)));
    expect(entities.some((u) => u.startsWith(`${APP}/entities/`) && u.endsWith("-choe-yong-geon"))).toBe(true);
    expect(locs(await collectionsSitemap(db, APP))).toContain(`${APP}/collections/korean-war`);
    expect(locs(await text(sitemap(db, APP, "records", 999)))).toEqual([]);
    expect(sitemap(db, APP, "records", 0)).toBeNull();
  });
});

describe("Atom feeds", () => {
  beforeAll(async () => {
    if ((await db.archivalRecord.count()) === 0) await seedDemoArchive(db);
  });

  it("lists the archive's newest changes first, each with its canonical link, dates and summary", async () => {
    const content = recordContentSchema.parse({ title: "A document published last", dateText: "1961", summary: "Newest.", originalLanguage: "en", documentType: "memorandum" });
    const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
    const feed = parser.parse((await atomFeed(db, { kind: "archive" }, site))!).feed;
    expect(feed.title).toBe("Dossier: new documents");
    expect(feed.entry[0]).toMatchObject({ id: `${APP}/records/${recordId}`, title: "A document published last" });
    expect(feed.entry[0].link[0]["@href"]).toBe(`${APP}${recordPath({ id: recordId, title: "A document published last" })}`);
    expect(feed.entry[0].summary).toBe("Memorandum, 1961. Newest.");
    expect(feed.entry[0].updated).toMatch(/Z$/);
  });

  it("gives a collection's and an entity's feed, counting mentions of entities merged into it", async () => {
    const choe = await db.entity.findFirstOrThrow({ where: { names: { some: { name: "Choe Yong-geon" } } } });
    const entityFeed = parser.parse((await atomFeed(db, { kind: "entity", id: choe.id }, site))!).feed;
    expect(entityFeed.title).toBe("Dossier: new documents about Choe Yong-geon");
    // The nine demo documents mention him; one was withdrawn above.
    const mentioning = await db.archivalRecord.count({ where: { status: "published", publishedRevision: { mentions: { some: { entityId: choe.id } } } } });
    expect(mentioning).toBe(8);
    expect(entityFeed.entry).toHaveLength(mentioning);
    // A duplicate person merged into Choe: a record that mentions the duplicate is in Choe's feed.
    const duplicate = await db.entity.create({ data: { type: "person", names: { create: { name: "Choe Yong-gon (duplicate)", normalized: "choe yong-gon duplicate", isPreferred: true } } } });
    const content = recordContentSchema.parse({ title: "Mentions the duplicate", dateText: "1962", summary: "S.", originalLanguage: "en", documentType: "report", mentions: [{ entityId: duplicate.id, role: "mentioned" }] });
    const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
    await db.entity.update({ where: { id: duplicate.id }, data: { mergedIntoId: choe.id } });
    const after = parser.parse((await atomFeed(db, { kind: "entity", id: choe.id }, site))!).feed;
    expect(after.entry.map((e: { id: string }) => e.id)).toContain(`${APP}/records/${recordId}`);
    expect(await atomFeed(db, { kind: "entity", id: duplicate.id }, site)).toBeNull();
    const collection = parser.parse((await atomFeed(db, { kind: "collection", slug: "korean-war" }, site))!).feed;
    expect(collection.title).toMatch(/in Korean War$/);
    expect(collection.entry.length).toBeGreaterThan(0);
    expect(await atomFeed(db, { kind: "collection", slug: "no-such-collection" }, site)).toBeNull();
    expect(await atomFeed(db, { kind: "entity", id: 999_999 }, site)).toBeNull();
  });
});
