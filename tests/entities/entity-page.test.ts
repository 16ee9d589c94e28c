// An entity page's context: documents per year, and the entities most often beside it.
import { beforeAll, expect, it } from "vitest";
import { db } from "../../server/db";
import { coOccurringEntities, entityTimeline } from "../../server/entities/queries";
import { seedDemoArchive } from "../../server/seed/demo-archive";

let choe: number;
beforeAll(async () => {
  await seedDemoArchive(db);
  choe = (await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } })).entityId;
});

it("counts Choe Yong-geon's nine published documents by year", async () => {
  const timeline = await entityTimeline(db, choe);
  expect(timeline.reduce((n, y) => n + y.count, 0)).toBe(9);
  expect(timeline.map((y) => y.year)).toEqual([...timeline.map((y) => y.year)].sort((a, b) => a - b));
  expect(timeline.find((y) => y.year === 1957)?.count).toBe(3);
});

it("lists the entities most often in the same documents, most shared first", async () => {
  const related = await coOccurringEntities(db, choe);
  expect(related[0]).toMatchObject({ name: expect.any(String), count: expect.any(Number) });
  expect(related.map((r) => r.count)).toEqual([...related.map((r) => r.count)].sort((a, b) => b - a));
  expect(related.find((r) => r.name === "Aleksandr Puzanov")?.count).toBe(3);
  expect(related.some((r) => r.id === choe)).toBe(false);
});

it("leaves out withdrawn documents", async () => {
  const before = await entityTimeline(db, choe);
  const record = await db.archivalRecord.findFirstOrThrow({ where: { status: "published", publishedRevision: { is: { mentions: { some: { entityId: choe } } } } } });
  await db.archivalRecord.update({ where: { id: record.id }, data: { status: "withdrawn" } });
  const after = await entityTimeline(db, choe);
  expect(after.reduce((n, y) => n + y.count, 0)).toBe(before.reduce((n, y) => n + y.count, 0) - 1);
});
