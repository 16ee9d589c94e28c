// Dossier's JSON Lines: the published archive written out (server/interchange/record-lines.ts)
// reads back through bulk import without loss: unchanged, it changes nothing; edited, it
// changes exactly what was edited.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { approveImport, submitImport } from "../../server/imports/imports";
import { runPendingImportJobs } from "../../server/imports/jobs";
import { getImport, getImportItem, listImportItems } from "../../server/imports/queries";
import { publishedRecordLines } from "../../server/interchange/record-lines";
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
