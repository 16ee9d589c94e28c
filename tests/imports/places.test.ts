// Places with their points from the file: a TEI edition's place list (listPlace, location/geo)
// and Dossier's own JSON Lines. A place the import creates gets the file's coordinates; an
// existing place keeps its own; a point that cannot be used is left out with a warning.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { approveImport, submitImport } from "../../server/imports/imports";
import { runPendingImportJobs } from "../../server/imports/jobs";
import { getImport, listImportItems } from "../../server/imports/queries";
import { publishedRecordLines } from "../../server/interchange/record-lines";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";
import { sessionUser, upload } from "../support/imports";

let editor: SessionUser, reviewer: SessionUser;

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await sessionUser(await makeUser("editor"));
  reviewer = await sessionUser(await makeUser("reviewer"));
});

async function publish(imp: { id: number }) {
  const { changeRequestId } = await submitImport(db, { author: editor, id: imp.id, message: "Places with points" });
  await runPendingImportJobs(db);
  const { version } = await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } });
  await approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });
  await runPendingImportJobs(db);
  return getImport(db, reviewer, imp.id);
}

const placeNamed = (name: string) =>
  db.entity.findFirst({ where: { type: "place", names: { some: { name } } }, select: { id: true, latitude: true, longitude: true, description: true, names: { select: { name: true, isPreferred: true }, orderBy: { id: "asc" } } } });

describe("a TEI edition's place list", () => {
  it("gives new places their names, description and point; existing places keep theirs; unusable points are warnings", async () => {
    const pyongyangBefore = await placeNamed("Pyongyang");
    expect(pyongyangBefore?.latitude).not.toBeNull();

    const imp = await upload(editor, "tei-places.xml");
    expect(imp.status).toBe("validated");
    const [item] = (await listImportItems(db, editor, { id: imp.id, filter: "all", page: 1, pageSize: 50 })).items;
    const messages = item!.problems.map((p) => `${p.level}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning: The coordinates of “Panmunjom” are left out: its geo “north of Seoul” is not/),
        expect.stringMatching(/^warning: The coordinates of “Munsan” are left out: A latitude is between -90/),
        expect.stringMatching(/^warning: placeName points to #seoul, which the file's place list does not have/),
      ]),
    );
    const { references } = await getImport(db, editor, imp.id);
    const places = references.filter((r) => r.kind === "place").map((r) => `${r.label}${r.matchedId ? " (matched)" : ""}${r.coordinates ? ` at ${r.coordinates}` : ""}`);
    expect(places.sort()).toEqual(["Kaesong at 37.9708° N, 126.5544° E", "Munsan", "P'yŏngyang (matched)", "Panmunjom", "Seoul"].sort());

    const result = await publish(imp);
    expect(result.published).toMatchObject({ published: 1, conflicts: 0 });
    const kaesong = await placeNamed("Kaesŏng");
    expect(kaesong).toMatchObject({ latitude: 37.9708, longitude: 126.5544, description: "City just south of the 38th parallel, where the armistice talks began." });
    expect(kaesong!.names).toEqual([{ name: "Kaesong", isPreferred: true }, { name: "Kaesŏng", isPreferred: false }]);
    expect(await placeNamed("Panmunjom")).toMatchObject({ latitude: null, longitude: null });
    expect(await placeNamed("Munsan")).toMatchObject({ latitude: null, longitude: null });
    // The archive's Pyongyang is linked, with its own point (the file's 39.5, 126.5 is not applied).
    expect(await placeNamed("Pyongyang")).toMatchObject({ id: pyongyangBefore!.id, latitude: pyongyangBefore!.latitude, longitude: pyongyangBefore!.longitude });
  });
});

describe("Dossier's JSON Lines", () => {
  it("export a place's point, and an import creates a new place with it", async () => {
    const lines = [];
    for await (const line of publishedRecordLines(db)) lines.push(line);
    const pyongyang = await placeNamed("Pyongyang");
    const exported = lines.flatMap((l) => l.mentions ?? []).find((m) => m.entity.id === pyongyang!.id);
    expect(exported?.entity.coordinates).toEqual({ latitude: pyongyang!.latitude, longitude: pyongyang!.longitude });
    // Entities without a point carry none (not even null).
    expect(lines.flatMap((l) => l.mentions ?? []).find((m) => m.entity.type === "person")?.entity).not.toHaveProperty("coordinates");

    const line = (title: string, entity: object) =>
      JSON.stringify({ key: `places-${title}`, title, date: "1953-07-27", summary: `${title}.`, originalLanguage: "en", documentType: "report", mentions: [{ role: "mentioned", entity }] });
    const file = [
      line("Signing at Panmunjeom", { type: "place", name: "Panmunjeom", names: ["판문점"], coordinates: { latitude: 37.9561, longitude: 126.6772 } }),
      line("A point for a person", { type: "person", name: "Nam Il", coordinates: { latitude: 1, longitude: 2 } }),
      line("A point off the globe", { type: "place", name: "Atlantis", coordinates: { latitude: 12, longitude: 200 } }),
    ].join("\n");
    const imp = await upload(editor, { name: "places.jsonl", bytes: file });
    const items = (await listImportItems(db, editor, { id: imp.id, filter: "all", page: 1, pageSize: 50 })).items;
    expect(items.map((i) => i.problems.map((p) => p.message))).toEqual([
      [],
      ["“Nam Il” is a person; only a place has coordinates, so they are left out."],
      ["The coordinates of “Atlantis” are left out: A longitude is between -180 (west) and 180 (east)."],
    ]);
    await publish(imp);
    expect(await placeNamed("Panmunjeom")).toMatchObject({ latitude: 37.9561, longitude: 126.6772 });
    expect(await placeNamed("Atlantis")).toMatchObject({ latitude: null, longitude: null });
  });
});
