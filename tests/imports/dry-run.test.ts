// The dry run: every format read, checked and matched against the archive, with nothing stored
// in it. The fixtures were written for these tests (tests/fixtures/imports).
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { getImport, listImportItems } from "../../server/imports/queries";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";
import { archiveCounts, sessionUser, upload } from "../support/imports";

let editor: SessionUser;

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await sessionUser(await makeUser("editor"));
});

async function items(id: number) {
  return (await listImportItems(db, editor, { id, filter: "all", page: 1, pageSize: 100 })).items;
}

describe("a CSV dry run", () => {
  it("stores nothing in the archive, and reports what it would do row by row", async () => {
    const before = await archiveCounts();
    const imp = await upload(editor, "records.csv");
    expect(await archiveCounts()).toEqual(before);
    expect(imp.status).toBe("validated");

    const report = await getImport(db, editor, imp.id);
    expect(report.dryRun).toMatchObject({ rows: 4, create: 3, update: 0, withErrors: 1 });
    const rows = await items(imp.id);
    expect(rows.map((r) => [r.location, r.action])).toEqual([
      ["line 2", "create"],
      ["line 5", "create"],
      ["line 6", "skip"],
      ["line 7", "create"],
    ]);
    const bad = rows.find((r) => r.location === "line 6")!;
    expect(bad.problems).toEqual([expect.objectContaining({ level: "error", field: "dateText", message: expect.stringContaining("is not a date we can read") })]);
  });

  it("matches entities by any of their names and says as what; new ones are created once, however many rows use them", async () => {
    const imp = await upload(editor, "records.csv");
    const { references, dryRun } = await getImport(db, editor, imp.id);
    const ref = (label: string) => references.find((r) => r.label === label)!;
    const puzanov = await db.entityName.findFirstOrThrow({ where: { name: "Aleksandr Puzanov" }, select: { entityId: true } });
    expect(ref("A. M. Puzanov")).toMatchObject({ kind: "person", matchedId: puzanov.entityId, matchedAs: null });
    expect(ref("Choi Yong-kun")).toMatchObject({ kind: "person", matchedId: expect.any(Number) });
    expect(ref("P'yŏngyang")).toMatchObject({ kind: "place", matchedId: expect.any(Number) });
    expect(ref("Pak Seong-cheol")).toMatchObject({ kind: "person", matchedId: null, uses: 2 });
    expect(ref("Kaesong")).toMatchObject({ kind: "place", matchedId: null });
    expect(ref("Imported test papers")).toMatchObject({ kind: "collection", matchedId: null, uses: 3 });
    expect(dryRun!.entities).toMatchObject({ created: 2 });
    expect(dryRun!.collections).toEqual({ matched: 0, created: 1 });
  });

  it("points out a file uploaded before", async () => {
    const first = await upload(editor, "records.csv");
    const second = await upload(editor, "records.csv");
    const report = await getImport(db, editor, second.id);
    expect(report.uploadedBefore.map((u) => u.id)).toContain(first.id);
  });
});

describe("a TEI dry run (FRUS shape)", () => {
  it("makes each document a record with its date, source, people, places, terms and the volume as collection", async () => {
    const before = await archiveCounts();
    const imp = await upload(editor, "frus-sample.xml");
    expect(await archiveCounts()).toEqual(before);
    expect(imp.status).toBe("validated");
    const rows = await items(imp.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ key: "frus-test-v01/d1", action: "create", title: "Telegram From the Embassy in Pyongyang to Choe Yong-geon" });
    expect(rows[1]!.problems).toEqual([expect.objectContaining({ level: "warning", message: expect.stringContaining("#p_XX_9") })]);
    const { references } = await getImport(db, editor, imp.id);
    const labels = references.map((r) => `${r.kind}:${r.label}${r.matchedId ? " (matched)" : ""}`).sort();
    expect(labels).toEqual(
      [
        "collection:Foreign Relations of the Test Archive, 1957–1958, Volume I, Northern Visits",
        "person:Alexander M. Puzanov",
        "person:Choe Yong-geon (matched)",
        "person:Martha T. Stone Jr.",
        "place:Beijing (matched)",
        "place:Moscow",
        "place:Pyongyang (matched)",
        "subject:ARM",
        "subject:Korean Workers’ Party",
      ].sort(),
    );
  });
});

describe("a JSON Lines dry run", () => {
  it("reads each line alone: a broken line is an error of that line only", async () => {
    const imp = await upload(editor, "records.jsonl");
    const rows = await items(imp.id);
    expect(rows.map((r) => [r.location, r.action])).toEqual([
      ["line 1", "create"],
      ["line 2", "skip"],
      ["line 3", "create"],
    ]);
    expect(rows[1]!.problems[0]!.message).toMatch(/not valid JSON/);
    const { references } = await getImport(db, editor, imp.id);
    expect(references.find((r) => r.label === "Korean War")).toMatchObject({ kind: "collection", matchedId: expect.any(Number) });
    expect(references.find((r) => r.label === "Pak Heon-yeong")).toMatchObject({ matchedId: expect.any(Number) });
  });
});
