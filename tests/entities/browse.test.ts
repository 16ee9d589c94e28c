// Browse pages: entities that published records mention, with counts, A-Z and a name filter.
import { beforeAll, expect, it } from "vitest";
import { db } from "../../server/db";
import { browseEntities } from "../../server/entities/browse";
import { createEntity } from "../../server/entities/entities";
import { seedDemoArchive } from "../../server/seed/demo-archive";

beforeAll(async () => {
  await seedDemoArchive(db);
});

const people = (extra: Partial<Parameters<typeof browseEntities>[1]> = {}) => browseEntities(db, { type: "person", page: 1, pageSize: 100, ...extra });

it("lists people A-Z with their number of published documents", async () => {
  const all = await people();
  expect(all.entities.map((e) => e.name)).toEqual([...all.entities.map((e) => e.name)].sort((a, b) => a.localeCompare(b)));
  expect(all.entities.find((e) => e.name === "Choe Yong-geon")?.records).toBe(9);
  expect(all.total).toBe(all.entities.length);
  expect(all.letters.C).toBeGreaterThanOrEqual(1);
});

it("narrows by first letter and by any spelling of a name", async () => {
  const c = await people({ letter: "C" });
  expect(c.entities.every((e) => e.name.startsWith("C"))).toBe(true);
  expect((await people({ q: "Yeonggeon" })).entities.map((e) => e.name)).toEqual(["Choe Yong-geon"]);
  expect((await people({ q: "최용건" })).entities.map((e) => e.name)).toEqual(["Choe Yong-geon"]);
  expect((await people({ q: "zzzz" })).total).toBe(0);
});

it("leaves out entities no published record mentions, and other kinds", async () => {
  await createEntity(db, { type: "person", names: [{ name: "Aaron Unmentioned", language: "en", preferred: true }], description: "", datesText: "", identifiers: [] });
  expect((await people()).entities.map((e) => e.name)).not.toContain("Aaron Unmentioned");
  const places = await browseEntities(db, { type: "place", page: 1, pageSize: 100 });
  expect(places.entities.map((e) => e.name)).not.toContain("Choe Yong-geon");
});
