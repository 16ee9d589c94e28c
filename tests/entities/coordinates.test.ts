// Places on maps: coordinates are part of a place's authority record, proposed and reviewed like any
// field, validated at the boundary; the maps' data comes from them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser, trpcCode } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api, reviewer: Api, reader: Api;

beforeAll(async () => {
  await seedDemoArchive(db);
  [editor, reviewer, reader] = await Promise.all([makeUser("editor").then(callerFor), makeUser("reviewer").then(callerFor), callerFor(null)]);
});

describe("coordinates of places", () => {
  it("the demo places carry them, and the map query returns only places that have them", async () => {
    const pyongyang = (await db.entityName.findFirstOrThrow({ where: { name: "Pyongyang" } })).entityId;
    const kim = (await db.entityName.findFirstOrThrow({ where: { name: "Kim Il Sung" } })).entityId;
    const places = await reader.entities.places({ ids: [pyongyang, kim, 999_999] });
    expect(places).toEqual([{ id: pyongyang, name: "Pyongyang", latitude: 39.0194, longitude: 125.7381 }]);
  });

  it("a proposed place with coordinates gets them once approved, and the review shows them", async () => {
    const request = await editor.entities.propose({
      message: "Adds Wonsan with its position.",
      content: { type: "place", names: [{ name: "Wonsan", language: "ko-Latn", preferred: true }], coordinates: { latitude: 39.15, longitude: 127.45 } },
    });
    const detail = await reviewer.changeRequests.byId({ id: request.id });
    expect(detail.subject === "entity" && detail.diff.fields.find((f) => f.field === "coordinates")).toMatchObject({ kind: "value", before: "—", after: "39.1500° N, 127.4500° E" });
    const approved = await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version });
    expect(await reader.entities.byId({ id: approved.entityId! })).toMatchObject({ latitude: 39.15, longitude: 127.45 });
    const forEdit = await editor.entities.forEdit({ id: approved.entityId! });
    expect(forEdit.coordinates).toEqual({ latitude: 39.15, longitude: 127.45 });

    // Removed by an edit, reviewed like the rest.
    const removal = await editor.entities.propose({ message: "Position was wrong.", entityId: approved.entityId!, content: { ...forEdit, coordinates: null } });
    await reviewer.changeRequests.approve({ id: removal.id, expectedVersion: removal.version });
    expect(await reader.entities.byId({ id: approved.entityId! })).toMatchObject({ latitude: null, longitude: null });
  });

  it("refuses coordinates out of range, half given, or on something that is not a place, storing nothing", async () => {
    const before = await db.changeRequest.count();
    const place = (coordinates: unknown) => ({ message: "Bad.", content: { type: "place" as const, names: [{ name: "Nowhere", preferred: true }], coordinates: coordinates as never } });
    for (const bad of [{ latitude: 91, longitude: 0 }, { latitude: 0, longitude: -180.5 }, { latitude: 10 }, { latitude: "39", longitude: "125" }, { latitude: Number.NaN, longitude: 1 }]) {
      expect(await trpcCode(editor.entities.propose(place(bad))), JSON.stringify(bad)).toBe("BAD_REQUEST");
    }
    expect(await trpcCode(editor.entities.propose({ message: "Bad.", content: { type: "person", names: [{ name: "Somebody", preferred: true }], coordinates: { latitude: 1, longitude: 1 } } }))).toBe("BAD_REQUEST");
    expect(await db.changeRequest.count()).toBe(before);
  });
});
