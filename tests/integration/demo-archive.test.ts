import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { getEntity } from "../../server/entities/queries";
import { getPublicRecord, listRecentRecords, pagePublishedRecords } from "../../server/records/queries";
import { seedDemoArchive } from "../../server/seed/demo-archive";

async function entityIdByName(name: string) {
  return (await db.entityName.findFirstOrThrow({ where: { name } })).entityId;
}

describe("the demo archive", () => {
  beforeAll(async () => {
    expect(await seedDemoArchive(db)).toBe(true);
  });

  it("seeds once: a second run changes nothing", async () => {
    const before = await Promise.all([db.archivalRecord.count(), db.entity.count(), db.recordRevision.count()]);
    expect(await seedDemoArchive(db)).toBe(false);
    expect(await Promise.all([db.archivalRecord.count(), db.entity.count(), db.recordRevision.count()])).toEqual(before);
    expect(before[0]).toBe(9);
  });

  it("lists all nine documents on Choe Yong-geon's page, oldest or newest first", async () => {
    const choe = await entityIdByName("Choe Yong-geon");
    const asc = await pagePublishedRecords(db, { entityId: choe }, { sort: "asc", page: 1, pageSize: 20 });
    expect({ from: asc.from, to: asc.to, total: asc.total }).toEqual({ from: 1, to: 9, total: 9 });
    expect(asc.records[0]!.title).toBe("Telegram from Shtykov to Gromyko and Stalin");
    const desc = await pagePublishedRecords(db, { entityId: choe }, { sort: "desc", page: 1, pageSize: 20 });
    expect(desc.records.map((r) => r.id)).toEqual(asc.records.map((r) => r.id).reverse());
    const page2 = await pagePublishedRecords(db, { entityId: choe }, { sort: "asc", page: 2, pageSize: 4 });
    expect({ from: page2.from, to: page2.to, total: page2.total }).toEqual({ from: 5, to: 8, total: 9 });
  });

  it("keeps every name variant with its language and romanization", async () => {
    const entity = await getEntity(db, await entityIdByName("Choe Yong-geon"));
    expect(entity!.name).toBe("Choe Yong-geon");
    expect(entity!.names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["Choe Yeonggeon", "Ch'oe Yong-gŏn", "Choi Yong-kun", "최용건", "崔庸健"]),
    );
    expect(entity!.names.find((n) => n.name === "Ch'oe Yong-gŏn")).toMatchObject({ romanization: "mccune_reischauer", language: "ko-Latn" });
  });

  it("shows links on both records: the Shtykov telegrams and the Puzanov series", async () => {
    const first = await db.recordRevision.findFirstOrThrow({ where: { title: "Telegram from Shtykov to Gromyko and Stalin" } });
    const lookup = await getPublicRecord(db, first.recordId);
    expect(lookup.kind).toBe("published");
    if (lookup.kind !== "published") return;
    expect(lookup.record.related.map((r) => r.record.title)).toContain(
      "Ciphered Telegram, Shtykov to Deputy Foreign Minister Andrei Gromyko and Instantsia (Stalin)",
    );

    const may16 = await db.recordRevision.findFirstOrThrow({ where: { title: { contains: "16 May 1957" } } });
    const middle = await getPublicRecord(db, may16.recordId);
    if (middle.kind !== "published") throw new Error("not published");
    expect(middle.record.related.map((r) => `${r.label}: ${r.record.title.replace(/.* for /, "")}`).sort()).toEqual([
      "Continued by: 24 July 1957",
      "Continues: 2 May 1957",
    ]);
  });

  it("publishes only through revisions, with audit events and outbox rows", async () => {
    const records = await db.archivalRecord.findMany({ include: { publishedRevision: true } });
    for (const record of records) {
      expect(record.status).toBe("published");
      expect(record.publishedRevision).not.toBeNull();
      expect(record.sortDate?.toISOString().slice(0, 10)).toBe(record.publishedRevision!.dateEarliest.toISOString().slice(0, 10));
    }
    expect(await db.auditEvent.count({ where: { action: "record.publish" } })).toBe(12); // 9 records + 3 link revisions
    expect(await db.searchOutbox.count({ where: { op: "sync_record" } })).toBe(12);
  });

  it("lists recent records newest-published first", async () => {
    const recent = await listRecentRecords(db, 3);
    expect(recent).toHaveLength(3);
  });
});
