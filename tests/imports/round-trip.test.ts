// Dossier's JSON Lines: the published archive written out (server/interchange/record-lines.ts)
// reads back through bulk import without loss: unchanged, it changes nothing; edited, it
// changes exactly what was edited.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { approveImport, submitImport } from "../../server/imports/imports";
import { runPendingImportJobs } from "../../server/imports/jobs";
import { getImport, getImportItem, listImportItems } from "../../server/imports/queries";
import { archiveExport } from "../../server/interchange/archive-export";
import { publishedRecordLines } from "../../server/interchange/record-lines";
import { guessColumns } from "../../server/imports/mapping";
import { parse } from "csv-parse/sync";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";
import { sessionUser, upload } from "../support/imports";

let editor: SessionUser, reviewer: SessionUser;

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await sessionUser(await makeUser("editor"));
  reviewer = await sessionUser(await makeUser("reviewer"));
  // One mention that names its entity by a variant, so the name used travels too.
  const choe = await db.entityName.findFirstOrThrow({ where: { name: "Choe Yeonggeon" }, select: { id: true, entityId: true } });
  const mention = await db.mention.findFirstOrThrow({ where: { entityId: choe.entityId } });
  await db.mention.update({ where: { id: mention.id }, data: { nameId: choe.id } });
});

async function exported() {
  const lines = [];
  for await (const line of publishedRecordLines(db)) lines.push(line);
  return lines;
}

describe("the archive exported as JSON Lines", () => {
  it("imports back as no change at all", async () => {
    const lines = await exported();
    expect(lines.length).toBe(await db.archivalRecord.count({ where: { status: "published" } }));
    expect(lines.some((l) => l.mentions?.some((m) => m.as === "Choe Yeonggeon"))).toBe(true);
    const imp = await upload(editor, { name: "archive.jsonl", bytes: lines.map((l) => JSON.stringify(l)).join("\n") });
    const report = await getImport(db, editor, imp.id);
    expect(report.dryRun).toMatchObject({ rows: lines.length, unchanged: lines.length, create: 0, update: 0, withErrors: 0, withWarnings: 0 });
  });

  it("edited, changes exactly the fields edited, and exports as edited", async () => {
    const lines = await exported();
    const target = lines.find((l) => (l.mentions?.length ?? 0) > 2)!;
    const edited = { ...target, summary: `${target.summary} Edited outside Dossier.`, mentions: target.mentions!.slice(1) };
    const file = lines.map((l) => JSON.stringify(l.id === target.id ? edited : l)).join("\n");
    const imp = await upload(editor, { name: "edited.jsonl", bytes: file });
    expect((await getImport(db, editor, imp.id)).dryRun).toMatchObject({ update: 1, unchanged: lines.length - 1 });
    const [item] = (await listImportItems(db, editor, { id: imp.id, filter: "update", page: 1, pageSize: 5 })).items;
    const detail = await getImportItem(db, editor, { id: imp.id, seq: item!.seq });
    expect(detail.diff!.fields.map((f) => f.field).sort()).toEqual(["mentions", "summary"]);

    const { version } = await submitImport(db, { author: editor, id: imp.id, message: "" });
    await approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });
    await runPendingImportJobs(db);
    const after = (await exported()).find((l) => l.id === target.id)!;
    expect({ ...after, revision: undefined }).toEqual({ ...edited, revision: undefined });
  });
});

describe("the archive export an admin downloads", () => {
  async function download(format: "jsonl" | "csv") {
    let text = "";
    for await (const chunk of archiveExport(db, format, "https://archive.example.org")) text += chunk;
    return text;
  }

  it("as JSON Lines holds every published record once, in the interchange shape", async () => {
    // A record an import created carries the file's identifier for it, as the key.
    const keyed = await db.archivalRecord.findFirstOrThrow({ where: { status: "published" }, orderBy: { id: "desc" } });
    const anImport = await db.import.findFirstOrThrow();
    await db.recordImportKey.create({ data: { key: "ms-0042 \"quoted\"", recordId: keyed.id, importId: anImport.id } });
    const lines = (await download("jsonl")).trimEnd().split("\n").map((l) => JSON.parse(l) as { id: number });
    const published = await db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true }, orderBy: { id: "asc" } });
    expect(lines.map((l) => l.id)).toEqual(published.map((r) => r.id));
    expect(lines).toEqual(JSON.parse(JSON.stringify(await exported())));
    expect(lines.find((l) => l.id === keyed.id)).toMatchObject({ key: 'ms-0042 "quoted"' });
  });

  it("as CSV has the columns the import's mapping step recognizes, and imports back as no change", async () => {
    const csv = await download("csv");
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(await db.archivalRecord.count({ where: { status: "published" } }));
    const guessed = guessColumns(Object.keys(rows[0]!));
    const target = (header: string) => guessed.find((g) => g.header === header)?.target;
    expect([target("id"), target("title"), target("date"), target("source locator"), target("authors"), target("people"), target("collections")]).toEqual(["id", "title", "dateText", "sourceLocator", "authors", "people", "collections"]);
    const ciphered = rows.find((r) => r.title?.startsWith("Ciphered Telegram, Shtykov"))!;
    expect(ciphered).toMatchObject({ authors: "Terentii Shtykov", date: "30 September 1950", url: `https://archive.example.org/records/${ciphered.id}` });
    expect(ciphered.recipients).toContain("Andrei Gromyko");
    const imp = await upload(editor, { name: "archive.csv", bytes: csv });
    const report = await getImport(db, editor, imp.id);
    expect(report.dryRun).toMatchObject({ rows: rows.length, unchanged: rows.length, update: 0, create: 0, withErrors: 0 });
  });
});
