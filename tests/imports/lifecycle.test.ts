// An import from upload to undo against a real database: one change set in the review queue,
// publication in batches that lands in search, updates merged against the record as it is, undo
// that restores exactly what was there (except what a person edited since), and a job that
// resumes after its worker died.
import { spawn } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { approveImport, DEFAULT_MAX_IMPORT_BYTES, discardImport, rejectImport, submitImport, undoImport, uploadImport } from "../../server/imports/imports";
import { claimImportJob, runImportJob, runPendingImportJobs, STALE_AFTER_SECONDS, startImportWorker } from "../../server/imports/jobs";
import { PUBLISH_BATCH, publishNextBatch, publishPending } from "../../server/imports/publish";
import { getImport, listImportItems } from "../../server/imports/queries";
import { recordContentSchema, revisionContentSelect, revisionToContent } from "../../server/records/content";
import { publishRevision } from "../../server/records/publish";
import { listReviewQueue } from "../../server/review/queries";
import { searchQuerySchema, searchWith } from "../../server/search/engine";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { drainOutbox } from "../../server/search/sync";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser } from "../support/callers";
import { archiveCounts, sessionUser, upload } from "../support/imports";

let editor: SessionUser, reviewer: SessionUser, trusted: SessionUser;
const engine = new PostgresSearchEngine(db);
const search = async (q: string) => {
  await drainOutbox(db, engine);
  return (await searchWith(engine, searchQuerySchema.parse({ q, pageSize: 50 }))).hits.map((h) => h.title);
};

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await sessionUser(await makeUser("editor"));
  reviewer = await sessionUser(await makeUser("reviewer"));
  trusted = await sessionUser(await makeUser("editor", { trusted: true }));
});

async function submitted(imp: { id: number }, author = editor) {
  const result = await submitImport(db, { author, id: imp.id, message: "Test import" });
  await runPendingImportJobs(db);
  return result;
}

async function approve(imp: { id: number }, leaveOut: number[] = []) {
  const full = await db.import.findUniqueOrThrow({ where: { id: imp.id }, select: { changeRequest: { select: { version: true } } } });
  await approveImport(db, { reviewer, id: imp.id, expectedVersion: full.changeRequest!.version, leaveOut });
  await runPendingImportJobs(db);
  return getImport(db, reviewer, imp.id);
}

/** Each record's status and published content: what undo must give back exactly. */
async function snapshot(recordIds: number[]) {
  const records = await db.archivalRecord.findMany({
    where: { id: { in: recordIds } },
    orderBy: { id: "asc" },
    select: { id: true, status: true, publishedRevision: { select: revisionContentSelect } },
  });
  return records.map((r) => ({ id: r.id, status: r.status, content: r.publishedRevision ? revisionToContent(r.publishedRevision) : null }));
}

const csv = (rows: string[][]) => rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(",")).join("\n");

async function seedRecord(title: string, locator: string) {
  const content = recordContentSchema.parse({ title, dateText: "1959", summary: `${title}: the original summary.`, originalLanguage: "ru", documentType: "report", sourceArchive: "Undo Test Archive", sourceLocator: locator });
  return db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
}

describe("review and publication", () => {
  it("is one change set in the queue; its author cannot approve it; a reviewer's approval publishes it, searchable", async () => {
    const imp = await upload(editor, "records.csv");
    const { changeRequestId } = await submitted(imp);
    const queue = await listReviewQueue(db, { page: 1, pageSize: 100 });
    const listed = queue.requests.find((r) => r.id === changeRequestId)!;
    expect(listed).toMatchObject({ kind: "import_batch", title: "Import of records.csv: 3 new, 0 updated, 2 new entities" });

    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    await expect(approveImport(db, { reviewer: editor, id: imp.id, expectedVersion: version, leaveOut: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const before = await archiveCounts();
    const result = await approve(imp);
    expect(result.status).toBe("approved");
    expect(result.published).toEqual({ published: 3, conflicts: 0, leftOut: 1 });
    const after = await archiveCounts();
    expect(after.records - before.records).toBe(3);
    // Pak Seong-cheol is in two rows and becomes one person; Kaesong one place; one collection.
    expect(after.entities - before.entities).toBe(2);
    expect(after.collections - before.collections).toBe(1);
    expect(await db.entityName.count({ where: { name: "Pak Seong-cheol" } })).toBe(1);

    expect(await search("rice harvest")).toEqual(expect.arrayContaining(["Note on the rice harvest", "Second note on the rice harvest"]));
    const record = await db.recordRevision.findFirstOrThrow({ where: { title: "Note on the rice harvest" }, select: { recordId: true, credits: true, fullText: true } });
    expect(record.credits).toEqual([{ role: "translated_by", name: "Jane Roe" }]);
    expect(record.fullText).toBe("First paragraph of the note.\n\nSecond paragraph, about rice.");
    // Written once, already published (the pointer's foreign key checked at commit), the record
    // looks as one the editor publishes: status, pointer, sort date, datestamps, version.
    const published = await db.archivalRecord.findUniqueOrThrow({ where: { id: record.recordId }, include: { publishedRevision: { select: { number: true, recordId: true, dateEarliest: true } } } });
    expect(published).toMatchObject({ status: "published", version: 2, publishedRevision: { number: 1, recordId: record.recordId } });
    expect(published.sortDate).toEqual(published.publishedRevision!.dateEarliest);
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(published.publicChangedAt).toBeInstanceOf(Date);
    const byEditor = await db.$transaction((tx) => publishRevision(tx, { content: recordContentSchema.parse({ title: "Published by hand", dateText: "1957", summary: "S.", originalLanguage: "en", documentType: "memorandum" }), authorId: editor.id }));
    expect((await db.archivalRecord.findUniqueOrThrow({ where: { id: byEditor.recordId } })).version).toBe(published.version);
    // The identifiers are remembered: the same file again updates nothing and creates nothing.
    const again = await upload(editor, "records.csv");
    expect((await getImport(db, editor, again.id)).dryRun).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    await expect(submitImport(db, { author: editor, id: again.id, message: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await discardImport(db, { author: editor, id: again.id });
  });

  it("lets a reviewer leave items out, or reject the whole import", async () => {
    const imp = await upload(editor, "records.jsonl", {});
    await submitted(imp);
    const result = await approve(imp, [1]);
    expect(result.published).toMatchObject({ published: 1 });
    const items = (await listImportItems(db, reviewer, { id: imp.id, filter: "all", page: 1, pageSize: 10 })).items;
    expect(items.map((i) => i.state)).toEqual(["left_out", "left_out", "published"]);

    const other = await upload(editor, { name: "other.jsonl", bytes: '{"title":"Rejected one","date":"1960","summary":"S.","originalLanguage":"en","documentType":"other"}\n' });
    const { changeRequestId } = await submitted(other);
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    const before = await archiveCounts();
    await rejectImport(db, { reviewer, id: other.id, expectedVersion: version, reason: "Not ours." });
    expect((await db.import.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("rejected");
    expect(await archiveCounts()).toEqual(before);
  });

  it("is decided only on its own page: the generic reject, send-back, withdraw and approve refuse it", async () => {
    const imp = await upload(editor, { name: "guarded.jsonl", bytes: '{"title":"Guarded","date":"1960","summary":"S.","originalLanguage":"en","documentType":"other"}\n' });
    const { changeRequestId } = await submitted(imp);
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    const asReviewer = await callerFor(reviewer);
    const asEditor = await callerFor(editor);
    for (const attempt of [
      () => asReviewer.changeRequests.reject({ id: changeRequestId, expectedVersion: version, reason: "No." }),
      () => asReviewer.changeRequests.sendBack({ id: changeRequestId, expectedVersion: version, comment: "Fix." }),
      () => asReviewer.changeRequests.approve({ id: changeRequestId, expectedVersion: version }),
      () => asEditor.changeRequests.withdraw({ id: changeRequestId, expectedVersion: version }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/import/) });
    }
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).state).toBe("pending");
    expect((await db.import.findUniqueOrThrow({ where: { id: imp.id } })).status).toBe("submitted");
  });

  it("approves a trusted editor's import as they submit it", async () => {
    const imp = await upload(trusted, { name: "trusted.jsonl", bytes: '{"title":"A trusted import","date":"1961","summary":"S.","originalLanguage":"en","documentType":"other"}\n' });
    await submitted(imp, trusted);
    expect((await db.import.findUniqueOrThrow({ where: { id: imp.id } })).status).toBe("approved");
    expect(await db.recordRevision.count({ where: { title: "A trusted import" } })).toBe(1);
  });

  it("refuses to submit a file with errors when the author asked for all or nothing", async () => {
    const imp = await upload(editor, "records.csv");
    await expect(submitImport(db, { author: editor, id: imp.id, message: "", allOrNothing: true })).rejects.toThrow(/1 row has errors, and you asked for all or nothing/);
  });
});

describe("updates and undo", () => {
  it("merges updates with the record as it is, and undo restores exactly what was there except what a person edited since", async () => {
    const r1 = await seedRecord("Report on the dam", "fond 9, delo 1");
    const r2 = await seedRecord("Report on the bridge", "fond 9, delo 2");
    const before = await snapshot([r1.recordId, r2.recordId]);
    const countsBefore = await archiveCounts();

    const file = csv([
      ["Title", "Date", "Summary", "Archive", "Locator", "People", "Places"],
      ["Report on the dam", "1959", "A better summary of the dam report.", "Undo Test Archive", "fond 9, delo 1", "Ivan Undoable", ""],
      ["Report on the bridge, revised", "1959", "Report on the bridge: the original summary.", "Undo Test Archive", "fond 9, delo 2", "", ""],
      ["A new report on the tunnel", "1960", "About the tunnel.", "Undo Test Archive", "fond 9, delo 3", "Ivan Undoable", "Nowhere Undoable"],
    ]);
    const imp = await upload(editor, { name: "updates.csv", bytes: file }, { mapping: (m) => ({ ...m, defaults: { ...m.defaults, originalLanguage: "ru" } }) });
    const items = (await listImportItems(db, editor, { id: imp.id, filter: "all", page: 1, pageSize: 10 })).items;
    expect(items.map((i) => [i.action, i.recordId])).toEqual([
      ["update", r1.recordId],
      ["update", r2.recordId],
      ["create", null],
    ]);
    await submitted(imp);

    // Meanwhile someone edits the dam report's date: a different field, so the import merges.
    const api = await callerFor(await makeUser("editor"));
    const start = await api.changeRequests.startEdit({ recordId: r1.recordId });
    const proposal = await api.changeRequests.propose({ recordId: r1.recordId, baseRevisionId: start.baseRevisionId!, content: { ...start.content!, dateText: "June 1959" }, message: "date" });
    await (await callerFor(reviewer)).changeRequests.approve({ id: proposal.id, expectedVersion: proposal.version });
    const beforeImport = await snapshot([r1.recordId, r2.recordId]);

    await approve(imp);
    const [dam, bridge] = await snapshot([r1.recordId, r2.recordId]);
    expect(dam!.content).toMatchObject({ summary: "A better summary of the dam report.", dateText: "June 1959" });
    expect(dam!.content!.mentions).toHaveLength(1);
    expect(bridge!.content!.title).toBe("Report on the bridge, revised");

    // After the import, a reviewer edits the bridge report: undo must leave it alone.
    const bridgeEdit = await api.changeRequests.startEdit({ recordId: r2.recordId });
    const later = await api.changeRequests.propose({ recordId: r2.recordId, baseRevisionId: bridgeEdit.baseRevisionId!, content: { ...bridgeEdit.content!, summary: "Edited after the import." }, message: "later" });
    await (await callerFor(reviewer)).changeRequests.approve({ id: later.id, expectedVersion: later.version });
    const [, bridgeEdited] = await snapshot([r1.recordId, r2.recordId]);

    await undoImport(db, { actor: editor, id: imp.id });
    await runPendingImportJobs(db);
    const report = await getImport(db, editor, imp.id);
    expect(report.status).toBe("undone");
    expect(report.undo).toMatchObject({ withdrawn: 1, reverted: 1, kept: 1, entitiesRemoved: 2, entitiesKept: 0 });
    const kept = (await listImportItems(db, editor, { id: imp.id, filter: "kept", page: 1, pageSize: 10 })).items;
    expect(kept.map((k) => k.recordId)).toEqual([r2.recordId]);

    const [damAfter, bridgeAfter] = await snapshot([r1.recordId, r2.recordId]);
    expect(damAfter).toEqual(beforeImport[0]);
    expect(bridgeAfter).toEqual(bridgeEdited);
    expect(before[0]!.content!.dateText).toBe("1959");
    const created = await db.importItem.findFirstOrThrow({ where: { importId: imp.id, action: "create" }, select: { recordId: true } });
    expect((await db.archivalRecord.findUniqueOrThrow({ where: { id: created.recordId! } })).status).toBe("withdrawn");
    expect(await search("tunnel")).not.toContain("A new report on the tunnel");
    // The person and the place the import introduced were used only by what it undid: removed.
    expect(await db.entityName.count({ where: { name: { in: ["Ivan Undoable", "Nowhere Undoable"] } } })).toBe(0);
    const countsAfter = await archiveCounts();
    expect(countsAfter.entities).toBe(countsBefore.entities);

    await expect(undoImport(db, { actor: editor, id: imp.id })).rejects.toThrow(/An undo cannot be undone/);
  });
});

describe("background jobs", () => {
  it("resume after their worker dies: every item published once", async () => {
    const lines = Array.from({ length: 1_230 }, (_, i) => JSON.stringify({ key: `resume-${i}`, title: `Resumed record ${i}`, date: "1962", summary: "S.", originalLanguage: "en", documentType: "other" }));
    const imp = await upload(editor, { name: "resume.jsonl", bytes: lines.join("\n") });
    const { changeRequestId } = await submitImport(db, { author: editor, id: imp.id, message: "" });
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    await approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });

    // A worker claims the job, publishes one batch, and dies.
    const job = await claimImportJob(db);
    expect(job).toMatchObject({ id: imp.id, status: "approving" });
    expect((await publishNextBatch(db, { id: imp.id, authorId: editor.id, fileName: "resume.jsonl" })).count).toBe(PUBLISH_BATCH);
    expect(await db.importItem.count({ where: { importId: imp.id, state: "published" } })).toBe(PUBLISH_BATCH);
    // While its heartbeat is fresh nobody else takes the job...
    expect(await claimImportJob(db)).toBeNull();
    // ...once it is stale, the next worker does, and finishes it.
    await db.$executeRaw`UPDATE imports SET heartbeat_at = now() - make_interval(secs => ${STALE_AFTER_SECONDS + 1}) WHERE id = ${imp.id}`;
    const resumed = await claimImportJob(db);
    expect(resumed).toMatchObject({ id: imp.id });
    await runImportJob(db, imp.id);
    expect((await getImport(db, editor, imp.id)).published).toEqual({ published: 1_230, conflicts: 0, leftOut: 0 });
    expect(await db.recordRevision.count({ where: { title: { startsWith: "Resumed record " } } })).toBe(1_230);
    expect(await db.recordImportKey.count({ where: { key: { startsWith: "resume-" } } })).toBe(1_230);
  });

  it("publish batches at once, each new entity created once however many batches need it", async () => {
    const total = PUBLISH_BATCH * 4;
    const lines = Array.from({ length: total }, (_, i) => JSON.stringify({ key: `parallel-${i}`, title: `Parallel record ${i}`, date: "1965", summary: "S.", originalLanguage: "en", documentType: "other", collections: [{ title: "Parallel collection" }], mentions: [{ role: "mentioned", entity: { type: "person", name: `Parallel Person ${i % 40}` } }] }));
    const imp = await upload(editor, { name: "parallel.jsonl", bytes: lines.join("\n") });
    const { changeRequestId } = await submitImport(db, { author: editor, id: imp.id, message: "" });
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    await approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });
    expect(await claimImportJob(db)).toMatchObject({ id: imp.id, status: "approving" });
    await publishPending(db, { id: imp.id, authorId: editor.id, fileName: "parallel.jsonl" }, 4);
    expect(await db.importItem.count({ where: { importId: imp.id, state: "published" } })).toBe(total);
    expect(await db.entityName.count({ where: { name: { startsWith: "Parallel Person " } } })).toBe(40);
    expect(await db.collection.count({ where: { title: "Parallel collection" } })).toBe(1);
    const people = await db.entity.findMany({ where: { names: { some: { name: { startsWith: "Parallel Person " } } } }, select: { _count: { select: { mentions: true } } } });
    expect(people.map((p) => p._count.mentions)).toEqual(Array(40).fill(total / 40));
    await runImportJob(db, imp.id);
    expect((await getImport(db, editor, imp.id)).published).toEqual({ published: total, conflicts: 0, leftOut: 0 });
  });

  it("start the moment they are queued: the worker is woken by a notification, not its next poll", async () => {
    const worker = startImportWorker({ db, databaseUrl: process.env.DATABASE_URL!, pollMs: 600_000, log: () => undefined });
    try {
      await worker.ready;
      // Queued after the worker's first look: only the notification can start it within the poll's ten minutes.
      const lines = Array.from({ length: 3 }, (_, i) => JSON.stringify({ key: `woken-${i}`, title: `Woken record ${i}`, date: "1964", summary: "S.", originalLanguage: "en", documentType: "other" }));
      const created = await uploadImport(db, { author: editor, fileName: "woken.jsonl", body: Readable.from([Buffer.from(lines.join("\n"))]), maxBytes: DEFAULT_MAX_IMPORT_BYTES });
      expect(created.status).toBe("validating");
      const deadline = Date.now() + 15_000;
      let status = created.status as string;
      while (status !== "validated" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await db.import.findUniqueOrThrow({ where: { id: created.id } })).status;
      }
      expect(status).toBe("validated");
    } finally {
      await worker.stop();
    }
  });
});

describe("a worker killed with SIGKILL in the middle of publishing", () => {
  it("leaves whole batches published and none half; the next worker finishes, each item once", async () => {
    const total = PUBLISH_BATCH * 6;
    const lines = Array.from({ length: total }, (_, i) => JSON.stringify({ key: `killed-${i}`, title: `Killed-worker record ${i}`, date: "1963", summary: "S.", originalLanguage: "en", documentType: "other", mentions: [{ role: "mentioned", entity: { type: "person", name: `Killed Person ${i % 40}` } }] }));
    const imp = await upload(editor, { name: "killed.jsonl", bytes: lines.join("\n") });
    const { changeRequestId } = await submitImport(db, { author: editor, id: imp.id, message: "" });
    const version = (await db.changeRequest.findUniqueOrThrow({ where: { id: changeRequestId } })).version;
    await approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });

    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../support/import-worker.ts")], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill it as soon as it has published something and before it is done.
    const deadline = Date.now() + 60_000;
    let published = 0;
    while (Date.now() < deadline) {
      published = await db.importItem.count({ where: { importId: imp.id, state: "published" } });
      if (published > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    await exited;
    const afterKill = await db.importItem.count({ where: { importId: imp.id, state: "published" } });
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(total);
    // Whole batches only: every published item has its record, and no record exists without one.
    expect(afterKill % PUBLISH_BATCH).toBe(0);
    expect(await db.recordRevision.count({ where: { title: { startsWith: "Killed-worker record " } } })).toBe(afterKill);
    expect((await db.import.findUniqueOrThrow({ where: { id: imp.id } })).status).toBe("approving");

    // The job is abandoned: once its heartbeat is stale the next worker resumes it.
    await db.$executeRaw`UPDATE imports SET heartbeat_at = now() - make_interval(secs => ${STALE_AFTER_SECONDS + 1}) WHERE id = ${imp.id}`;
    await runPendingImportJobs(db);
    expect((await getImport(db, editor, imp.id)).published).toEqual({ published: total, conflicts: 0, leftOut: 0 });
    expect(await db.recordRevision.count({ where: { title: { startsWith: "Killed-worker record " } } })).toBe(total);
    expect(await db.entityName.count({ where: { name: { startsWith: "Killed Person " } } })).toBe(40);
  }, 120_000);
});

describe("who may", () => {
  it("see an import: its author, and reviewers only once submitted", async () => {
    const imp = await upload(editor, "records.jsonl");
    const other = await sessionUser(await makeUser("editor"));
    await expect(getImport(db, other, imp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getImport(db, reviewer, imp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await submitImport(db, { author: editor, id: imp.id, message: "" });
    expect((await getImport(db, reviewer, imp.id)).canDecide).toBe(true);
    await expect(getImport(db, other, imp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
