// Curation and review against a real database: drafts, submission, decisions, rebase,
// concurrency, trusted editors, history, revert and withdrawal.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { recordContentSchema, type RecordContent } from "../../server/records/content";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser, trpcCode } from "../support/callers";

type Api = Awaited<ReturnType<typeof callerFor>>;
let editor: Api, editor2: Api, reviewer: Api, reviewer2: Api, admin: Api, trusted: Api, reader: Api;
let recordId: number;

async function current(id = recordId) {
  const start = await editor2.changeRequests.startEdit({ recordId: id }).catch(() => null);
  const record = await db.archivalRecord.findUniqueOrThrow({ where: { id }, select: { version: true, publishedRevisionId: true } });
  return { ...record, content: start?.content as RecordContent };
}

/** A record change request in full (the tests here only make record requests). */
async function requestDetail(api: Api, id: number) {
  const request = await api.changeRequests.byId({ id });
  if (request.subject !== "record") throw new Error(`request ${id} is not a record change`);
  return request;
}

const codeOf = trpcCode;

/** Drafts from the record's current content with changes, then submits. */
async function propose(api: Api, changes: Partial<RecordContent>, id = recordId) {
  const { content, publishedRevisionId } = await current(id);
  return api.changeRequests.propose({ recordId: id, baseRevisionId: publishedRevisionId!, content: { ...content, ...changes }, message: "test" });
}

beforeAll(async () => {
  await seedDemoArchive(db);
  [editor, editor2, reviewer, reviewer2, admin, trusted, reader] = await Promise.all([
    makeUser("editor").then(callerFor),
    makeUser("editor").then(callerFor),
    makeUser("reviewer").then(callerFor),
    makeUser("reviewer").then(callerFor),
    makeUser("admin").then(callerFor),
    makeUser("editor", { trusted: true }).then(callerFor),
    callerFor(null),
  ]);
  const record = await db.recordRevision.findFirstOrThrow({ where: { title: { contains: "24 July 1957" } }, select: { recordId: true } });
  recordId = record.recordId;
});

describe("drafts", () => {
  it("are private to their author until submitted: reviewers and admins cannot read or comment on them", async () => {
    const start = await editor.changeRequests.startEdit({ recordId });
    const draft = await editor.changeRequests.saveDraft({ recordId, baseRevisionId: start.baseRevisionId!, content: { ...start.content!, title: "A private working title" } });
    for (const other of [reviewer, admin, editor2]) {
      expect(await codeOf(other.changeRequests.byId({ id: draft.id }))).toBe("NOT_FOUND");
      expect(await codeOf(other.changeRequests.comment({ id: draft.id, body: "Peeking" }))).toBe("NOT_FOUND");
    }
    expect((await editor.changeRequests.byId({ id: draft.id })).state).toBe("draft");
    await editor.changeRequests.withdraw({ id: draft.id, expectedVersion: draft.version });
  });

  it("saves as the editor types, resumes from startEdit, and rejects a stale save", async () => {
    const start = await editor.changeRequests.startEdit({ recordId });
    expect(start.draftId).toBeNull();
    const first = await editor.changeRequests.saveDraft({ recordId, baseRevisionId: start.baseRevisionId!, content: { ...start.content!, title: "Half-typed titl" } });
    expect(first.state).toBe("draft");
    const second = await editor.changeRequests.saveDraft({ id: first.id, expectedVersion: first.version, content: { ...start.content!, title: "Half-typed title", dateText: "24 Jul" } });
    expect(second.version).toBe(first.version + 1);
    // A second tab that still holds the first version gets a conflict, and nothing is overwritten.
    await expect(editor.changeRequests.saveDraft({ id: first.id, expectedVersion: first.version, content: start.content! })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await editor.changeRequests.startEdit({ recordId })).draftId).toBe(first.id);
    const saved = await requestDetail(editor, first.id);
    expect(saved.proposed.title).toBe("Half-typed title");
    expect(saved.proposed.dateText).toBe("24 Jul");
    // Nobody else's draft: another editor cannot read or save it.
    expect(await codeOf(requestDetail(editor2, first.id))).toBe("NOT_FOUND");
    expect(await codeOf(editor2.changeRequests.saveDraft({ id: first.id, expectedVersion: second.version, content: start.content! }))).toBe("NOT_FOUND");
    await editor.changeRequests.withdraw({ id: first.id, expectedVersion: second.version });
  });

  it("refuses to submit a draft whose date cannot be parsed or whose title is only spaces, and keeps the draft", async () => {
    const start = await editor.changeRequests.startEdit({ recordId });
    const draft = await editor.changeRequests.saveDraft({ recordId, baseRevisionId: start.baseRevisionId!, content: { ...start.content!, dateText: "the thirty-second of Julember" } });
    const error = await editor.changeRequests.submit({ message: "A change for the test.", id: draft.id, expectedVersion: draft.version, content: { ...start.content!, dateText: "the thirty-second of Julember", title: "   " } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const after = await requestDetail(editor, draft.id);
    expect(after.state).toBe("draft");
    expect(after.proposed.dateText).toBe("the thirty-second of Julember");
    await editor.changeRequests.withdraw({ id: draft.id, expectedVersion: after.version });
  });

  it("refuses to submit or propose a change without saying what changed and why, and keeps the draft", async () => {
    const start = await editor.changeRequests.startEdit({ recordId });
    const content = { ...start.content!, rights: "Reason test" };
    const draft = await editor.changeRequests.saveDraft({ recordId, baseRevisionId: start.baseRevisionId!, content });
    for (const message of ["", "   \n  "]) {
      const error = await editor.changeRequests.submit({ id: draft.id, expectedVersion: draft.version, content, message }).catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toContain("what changed and why");
    }
    expect(await codeOf(editor.changeRequests.propose({ recordId, baseRevisionId: start.baseRevisionId!, content, message: " " }))).toBe("BAD_REQUEST");
    const after = await requestDetail(editor, draft.id);
    expect(after.state).toBe("draft");
    expect(after.proposed.rights).toBe("Reason test");
    const submitted = await editor.changeRequests.submit({ id: draft.id, expectedVersion: after.version, content, message: "  Corrects the rights statement.  " });
    expect(submitted.state).toBe("pending");
    expect((await requestDetail(editor, draft.id)).message).toBe("Corrects the rights statement.");
    await editor.changeRequests.withdraw({ id: draft.id, expectedVersion: submitted.version });
  });

  it("refuses a base revision of another record", async () => {
    const other = await db.archivalRecord.findFirstOrThrow({ where: { id: { not: recordId }, status: "published" }, select: { publishedRevisionId: true } });
    const { content } = await current();
    expect(await codeOf(editor.changeRequests.saveDraft({ recordId, baseRevisionId: other.publishedRevisionId!, content }))).toBe("BAD_REQUEST");
    expect(await codeOf(editor.changeRequests.saveDraft({ recordId: 999_999, content }))).toBe("NOT_FOUND");
  });
});

describe("review", () => {
  it("approval publishes the revision, moves the pointer, audits and queues the index in one go", async () => {
    const request = await propose(editor, { summary: "Puzanov and Choe Yong-geon discuss new banknotes and timber workers." });
    expect(request.state).toBe("pending");
    const queue = await reviewer.changeRequests.queue();
    const item = queue.requests.find((r) => r.id === request.id)!;
    expect(item.change.fields).toBe(1);
    expect(queue.backlog).toBeGreaterThanOrEqual(1);

    const detail = await requestDetail(reviewer, request.id);
    expect(detail.diff.fields.map((f) => f.field)).toEqual(["summary"]);
    const outboxBefore = await db.searchOutbox.count({ where: { recordId } });
    const approved = await reviewer.changeRequests.approve({ id: request.id, expectedVersion: detail.version });
    expect(approved.state).toBe("approved");

    const record = await reader.records.byId({ id: recordId });
    expect(record.kind === "published" && record.record.revision.summary).toContain("new banknotes");
    expect(await db.searchOutbox.count({ where: { recordId } })).toBe(outboxBefore + 1);
    expect(await db.auditEvent.count({ where: { action: "change_request.approve", subjectId: String(request.id) } })).toBe(1);
    const history = await reader.records.history({ id: recordId });
    expect(history.revisions[0]!.number).toBe(approved.number);
    expect(history.revisions[0]!.message).toBe("test");
  });

  it("exactly one of two reviewers deciding the same request at once wins; the other is told", async () => {
    const request = await propose(editor, { rights: "Public domain (1957)" });
    const outcomes = await Promise.all([
      codeOf(reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version })),
      codeOf(reviewer2.changeRequests.reject({ id: request.id, expectedVersion: request.version, reason: "No source for this." })),
    ]);
    expect(outcomes.sort()).toEqual(["CONFLICT", "ok"]);
    const after = await db.changeRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(["approved", "rejected"]).toContain(after.state);
  });

  it("a rejection's reason and a send-back's comment reach the author, who amends and resubmits", async () => {
    const rejected = await propose(editor, { title: "A worse title" });
    await reviewer.changeRequests.reject({ id: rejected.id, expectedVersion: rejected.version, reason: "The original title follows the archive's heading." });
    const mine = await requestDetail(editor, rejected.id);
    expect(mine.state).toBe("rejected");
    expect(mine.reason).toBe("The original title follows the archive's heading.");
    expect(mine.comments.map((c) => c.body)).toContain("The original title follows the archive's heading.");

    const sentBack = await propose(editor, { sourceLocator: "fond 0102" });
    const back = await reviewer.changeRequests.sendBack({ id: sentBack.id, expectedVersion: sentBack.version, comment: "Give the full locator." });
    expect(back.state).toBe("sent_back");
    const { content } = await current();
    const resubmitted = await editor.changeRequests.submit({ id: sentBack.id, expectedVersion: back.version, content: { ...content, sourceLocator: "fond 0102, opis 13, delo 5" }, message: "Full locator" });
    expect(resubmitted.state).toBe("pending");
    // Deciding with the version from before the resubmission is refused.
    expect(await codeOf(reviewer.changeRequests.approve({ id: sentBack.id, expectedVersion: back.version }))).toBe("CONFLICT");
    await reviewer.changeRequests.approve({ id: sentBack.id, expectedVersion: resubmitted.version });
    const record = await reader.records.byId({ id: recordId });
    expect(record.kind === "published" && record.record.revision.sourceLocator).toBe("fond 0102, opis 13, delo 5");
  });

  it("a decision on a request that is no longer pending gets a clear conflict", async () => {
    const request = await propose(editor, { rights: "CC BY 4.0" });
    await editor.changeRequests.withdraw({ id: request.id, expectedVersion: request.version });
    const error = (await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version + 1 }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("withdrawn");
    expect(await codeOf(reviewer.changeRequests.approve({ id: 999_999, expectedVersion: 1 }))).toBe("NOT_FOUND");
  });

  it("nobody approves their own request unless trusted", async () => {
    const own = await propose(reviewer, { rights: "Reviewer's own change" });
    expect(await codeOf(reviewer.changeRequests.approve({ id: own.id, expectedVersion: own.version }))).toBe("FORBIDDEN");
    expect(await codeOf(reviewer2.changeRequests.approve({ id: own.id, expectedVersion: own.version }))).toBe("ok");
  });

  it("a trusted editor's request is approved on submission, audited and in history", async () => {
    const request = await propose(trusted, { rights: "Trusted editor's rights statement" });
    expect(request.state).toBe("approved");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "change_request.approve", subjectId: String(request.id) } });
    expect(audit.payload).toMatchObject({ automatic: true });
    const history = await reader.records.history({ id: recordId });
    expect(history.revisions[0]!.approvedBy).toBeTruthy();
  });

  it("approves several at once, each on its own", async () => {
    const a = await propose(editor, { sourceArchive: "AVPRF" });
    const b = await propose(editor2, { sourceArchive: "Archive of Foreign Policy of the Russian Federation" });
    const result = await reviewer.changeRequests.approveMany({ items: [{ id: a.id, expectedVersion: a.version }, { id: b.id, expectedVersion: b.version }] });
    // Both changed the same field from the same base: the first wins, the second is a conflict left pending.
    expect(result.approved).toBe(1);
    expect(result.results[1]).toMatchObject({ id: b.id, ok: false });
    expect(result.results[1]!.message).toContain("sourceArchive");
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: b.id } })).state).toBe("pending");
  });
});

describe("the review queue", () => {
  it("filters by author, collection and age, oldest first, with the backlog always counted", async () => {
    const author = await makeUser("editor");
    const api = await callerFor(author);
    const { content, publishedRevisionId } = await current();
    const collectionId = (await db.collection.findFirstOrThrow({ where: { slug: "korean-war" } })).id;
    const inCollection = await api.changeRequests.propose({ message: "A change for the test.", recordId, baseRevisionId: publishedRevisionId!, content: { ...content, collectionIds: [collectionId] } });
    const other = await api.changeRequests.propose({ message: "A change for the test.", recordId, baseRevisionId: publishedRevisionId!, content: { ...content, rights: "Queue filter test" } });
    await db.changeRequest.update({ where: { id: other.id }, data: { submittedAt: new Date(Date.now() - 10 * 86_400_000) } });

    const mine = await reviewer.changeRequests.queue({ authorId: author.id });
    expect(mine.requests.map((r) => r.id)).toEqual([other.id, inCollection.id]); // oldest first
    expect(mine.matching).toBe(2);
    expect(mine.backlog).toBeGreaterThanOrEqual(2);
    expect(mine.authors.map((a) => a.id)).toContain(author.id);
    expect((await reviewer.changeRequests.queue({ authorId: author.id, collectionId })).requests.map((r) => r.id)).toEqual([inCollection.id]);
    expect((await reviewer.changeRequests.queue({ authorId: author.id, minAgeDays: 7 })).requests.map((r) => r.id)).toEqual([other.id]);
    for (const r of [inCollection, other]) await api.changeRequests.withdraw({ id: r.id, expectedVersion: r.version });
  });
});

describe("automatic rebase", () => {
  it("merges disjoint changes and paragraph-apart text edits without asking", async () => {
    const { content } = await current();
    const paragraphs = ["Opening paragraph.", "Middle paragraph.", "Closing paragraph."];
    await propose(trusted, { fullText: paragraphs.join("\n\n") });
    const first = await propose(editor, { title: `${content.title} (revised)`, fullText: ["Opening paragraph, corrected.", ...paragraphs.slice(1)].join("\n\n") });
    const second = await propose(editor2, { dateText: "24 July 1957", fullText: [...paragraphs.slice(0, 2), "Closing paragraph, translated."].join("\n\n") });
    await reviewer.changeRequests.approve({ id: first.id, expectedVersion: first.version });
    const detail = await requestDetail(reviewer, second.id);
    expect(detail.rebase?.conflicts).toEqual([]);
    expect(detail.rebase?.merged).toContain("fullText");
    await reviewer.changeRequests.approve({ id: second.id, expectedVersion: detail.version });
    const record = await reader.records.byId({ id: recordId });
    if (record.kind !== "published") throw new Error("not published");
    expect(record.record.revision.title).toBe(`${content.title} (revised)`);
    expect(record.record.revision.fullText).toBe("Opening paragraph, corrected.\n\nMiddle paragraph.\n\nClosing paragraph, translated.");
  });

  it("a true overlap needs a resolution, and both texts are offered, each marked; the marked text is not publishable as it is", async () => {
    const mine = await propose(editor, { summary: "Summary as the editor wrote it." });
    const theirs = await propose(editor2, { summary: "Summary as the second editor wrote it." });
    await reviewer.changeRequests.approve({ id: mine.id, expectedVersion: mine.version });
    const refused = (await reviewer.changeRequests.approve({ id: theirs.id, expectedVersion: theirs.version }).catch((e: unknown) => e)) as TRPCError;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("summary");
    const detail = await requestDetail(reviewer, theirs.id);
    const conflict = detail.rebase!.conflicts[0]!;
    expect(conflict).toMatchObject({ field: "summary", current: "Summary as the editor wrote it.", proposed: "Summary as the second editor wrote it." });
    // A resolution against an outdated revision is refused; against the current one it publishes.
    expect(await codeOf(reviewer.changeRequests.approve({ id: theirs.id, expectedVersion: detail.version, resolution: { currentRevisionId: detail.baseRevisionId!, values: { summary: "x" } } }))).toBe("CONFLICT");
    const suggestion = conflict.suggestion as string;
    expect(suggestion).toMatch(/^⟦ From the current version.*⟧\n\nSummary as the editor wrote it\.\n\n⟦ From the proposed change.*⟧\n\nSummary as the second editor wrote it\.\n\n⟦ End of the two versions.*⟧$/);
    const unfinished = (await reviewer.changeRequests
      .approve({ id: theirs.id, expectedVersion: detail.version, resolution: { currentRevisionId: detail.rebase!.currentRevisionId!, values: { summary: suggestion } } })
      .catch((e: unknown) => e)) as TRPCError;
    expect(unfinished.code).toBe("BAD_REQUEST");
    expect(unfinished.message).toContain("remove the “⟦ … ⟧” lines");
    const combined = suggestion.split("\n\n").filter((p) => !p.startsWith("⟦")).join("\n\n");
    await reviewer.changeRequests.approve({
      id: theirs.id,
      expectedVersion: detail.version,
      resolution: { currentRevisionId: detail.rebase!.currentRevisionId!, values: { summary: combined } },
    });
    const record = await reader.records.byId({ id: recordId });
    if (record.kind !== "published") throw new Error("not published");
    expect(record.record.revision.summary).toContain("Summary as the editor wrote it.");
    expect(record.record.revision.summary).toContain("Summary as the second editor wrote it.");
    // Decided, it shows what it was: no merge, no "needs your choice".
    expect((await requestDetail(reviewer, theirs.id)).rebase).toBeNull();
  });
});

describe("rebasing a draft (the author settles conflicts)", () => {
  it("takes others' changes into the draft, asks only about overlaps, and moves the base", async () => {
    const start = await editor.changeRequests.startEdit({ recordId });
    const draft = await editor.changeRequests.saveDraft({
      recordId,
      baseRevisionId: start.baseRevisionId!,
      content: { ...start.content!, rights: "Draft's rights", sourceArchive: "Draft's archive" },
    });
    // Meanwhile the record changes: one field the draft also changed, one it did not.
    await propose(trusted, { rights: "Published rights", sourceLocator: "fond 5" });
    const refused = (await editor.changeRequests.rebase({ id: draft.id, expectedVersion: draft.version }).catch((e: unknown) => e)) as TRPCError;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("rights");
    const detail = await requestDetail(editor, draft.id);
    expect(detail.rebase!.conflicts.map((c) => c.field)).toEqual(["rights"]);
    const rebased = await editor.changeRequests.rebase({
      id: draft.id,
      expectedVersion: draft.version,
      resolution: { currentRevisionId: detail.rebase!.currentRevisionId!, values: { rights: "Published rights; draft's rights" } },
    });
    expect(rebased.rebased).toBe(true);
    const after = await requestDetail(editor, draft.id);
    expect(after.rebase).toBeNull();
    expect(after.baseRevisionId).toBe(detail.rebase!.currentRevisionId);
    expect(after.proposed).toMatchObject({ rights: "Published rights; draft's rights", sourceArchive: "Draft's archive", sourceLocator: "fond 5" });
    // Submitted and approved, it publishes exactly the settled content.
    const submitted = await editor.changeRequests.submit({ id: draft.id, expectedVersion: rebased.version, content: after.proposed as RecordContent, message: "Takes in the other changes." });
    await reviewer.changeRequests.approve({ id: draft.id, expectedVersion: submitted.version });
    const published = await current();
    expect(published.content).toMatchObject({ rights: "Published rights; draft's rights", sourceArchive: "Draft's archive", sourceLocator: "fond 5" });
  });
});

describe("concurrency", () => {
  it("20 parallel submissions and approvals on one record: every change is published, pending, or refused with a 409", async () => {
    const target = await db.recordRevision.findFirstOrThrow({ where: { title: { contains: "2 May 1957" } }, select: { recordId: true } });
    const id = target.recordId;
    const { content, publishedRevisionId } = await current(id);
    const fields = ["sourceArchive", "sourceLocator", "rights"] as const;
    const authors = await Promise.all(Array.from({ length: 20 }, () => makeUser("editor").then(callerFor)));
    const tokens = authors.map((_, i) => `change-${i}`);
    const outcomes = await Promise.all(
      authors.map(async (api, i) => {
        const field = fields[i % fields.length]!;
        const request = await api.changeRequests.propose({ recordId: id, baseRevisionId: publishedRevisionId!, content: { ...content, [field]: tokens[i] }, message: tokens[i]! });
        const decided = await codeOf(reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version }));
        return { i, field, requestId: request.id, decided };
      }),
    );
    const published = (await current(id)).content;
    for (const o of outcomes) {
      const state = (await db.changeRequest.findUniqueOrThrow({ where: { id: o.requestId } })).state;
      const revisions = await db.recordRevision.count({ where: { recordId: id, [o.field]: tokens[o.i] } });
      if (o.decided === "ok") {
        expect(state).toBe("approved");
        expect(revisions).toBeGreaterThanOrEqual(1);
      } else {
        expect(o.decided).toBe("CONFLICT");
        expect(state).toBe("pending");
      }
    }
    // One approval per field can apply from the shared base; the rest conflict and stay pending.
    expect(outcomes.filter((o) => o.decided === "ok").length).toBe(fields.length);
    for (const field of fields) expect(tokens).toContain(published[field]);
  });
});

describe("history, revert and withdrawal", () => {
  it("lists revisions, shows any one by number, diffs two, and reverts as a new revision", async () => {
    const history = await reader.records.history({ id: recordId });
    const latest = history.revisions[0]!.number;
    const first = await reader.records.revision({ id: recordId, number: 1 });
    expect(first.content.title).toContain("24 July 1957");
    const compare = await reader.records.compare({ id: recordId, from: 1, to: latest });
    expect(compare.diff.fields.length).toBeGreaterThan(0);
    expect(await codeOf(editor.records.revert({ id: recordId, expectedVersion: history.record.version, toNumber: 1 }))).toBe("FORBIDDEN");
    const reverted = await reviewer.records.revert({ id: recordId, expectedVersion: history.record.version, toNumber: 1 });
    expect(reverted.number).toBe(latest + 1);
    const record = await reader.records.byId({ id: recordId });
    expect(record.kind === "published" && record.record.revision.summary).toBe(first.content.summary);
    expect(await db.auditEvent.count({ where: { action: "record.revert", subjectId: String(recordId) } })).toBe(1);
    // The version the revert consumed is stale now.
    expect(await codeOf(reviewer.records.revert({ id: recordId, expectedVersion: history.record.version, toNumber: 2 }))).toBe("CONFLICT");
  });

  it("20 concurrent reverts: one wins, and every other answer says who changed the record", async () => {
    const { version } = await current();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => reviewer2.records.revert({ id: recordId, expectedVersion: version, toNumber: 1 })));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const error of refused) {
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/changed by .+ a moment ago \(revision \d+\)/);
    }
  });

  it("an admin withdraws a record: gone from public reads and search, kept, restorable", async () => {
    const { version } = await current();
    expect(await codeOf(reviewer.records.withdraw({ id: recordId, expectedVersion: version, reason: "Rights claim" }))).toBe("FORBIDDEN");
    const outboxBefore = await db.searchOutbox.count({ where: { recordId } });
    const withdrawn = await admin.records.withdraw({ id: recordId, expectedVersion: version, reason: "Rights claim under review" });
    expect((await reader.records.byId({ id: recordId })).kind).toBe("withdrawn");
    expect((await editor.records.byId({ id: recordId })).kind).toBe("withdrawn");
    // Reviewers and admins still read it, marked withdrawn, to decide whether to restore it.
    expect(await reviewer.records.byId({ id: recordId })).toMatchObject({ kind: "published", withdrawnAt: expect.any(Date) });
    expect(await codeOf(reader.records.history({ id: recordId }))).toBe("NOT_FOUND");
    expect((await reviewer.records.history({ id: recordId })).record.status).toBe("withdrawn");
    expect(await db.searchOutbox.count({ where: { recordId } })).toBe(outboxBefore + 1);
    // No edits to a withdrawn record.
    expect(await codeOf(editor.changeRequests.startEdit({ recordId }))).toBe("CONFLICT");
    // Nor a way for an editor to read its title: a draft elsewhere that links to it shows "Record N".
    const withdrawnTitle = (await db.recordRevision.findFirstOrThrow({ where: { publishedFor: { is: { id: recordId } } } })).title;
    const other = await db.archivalRecord.findFirstOrThrow({ where: { status: "published", id: { not: recordId } }, select: { id: true } });
    const start = await editor.changeRequests.startEdit({ recordId: other.id });
    const draft = await editor.changeRequests.saveDraft({
      recordId: other.id,
      baseRevisionId: start.baseRevisionId!,
      content: { ...start.content!, links: [{ targetRecordId: recordId, type: "related_to", note: "" }] },
    });
    const seen = await requestDetail(editor, draft.id);
    expect(JSON.stringify(seen)).not.toContain(withdrawnTitle);
    expect(seen.editorLabels[`record:${recordId}`]).toBeUndefined();
    await editor.changeRequests.withdraw({ id: draft.id, expectedVersion: draft.version });
    await admin.records.restore({ id: recordId, expectedVersion: withdrawn.version });
    expect((await reader.records.byId({ id: recordId })).kind).toBe("published");
  });
});

it("approval reads the stored proposal again: JSON that no longer passes the schema is refused, nothing published", async () => {
  const request = await propose(editor, { summary: "A summary that will be corrupted in storage." });
  const before = await current();
  await db.changeRequest.update({ where: { id: request.id }, data: { proposed: { ...(request as unknown as { content?: object }).content, title: "", dateText: 42 } } });
  const refused = await reviewer.changeRequests.approve({ id: request.id, expectedVersion: request.version }).catch((e: TRPCError) => e);
  expect(refused).toBeInstanceOf(TRPCError);
  expect((refused as TRPCError).code).toBe("BAD_REQUEST");
  expect((refused as TRPCError).message).toContain("not valid any more");
  expect((await db.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("pending");
  expect((await current()).publishedRevisionId).toBe(before.publishedRevisionId);
  await editor.changeRequests.withdraw({ id: request.id, expectedVersion: request.version });
});

it("content schema sanity: the demo record passes the strict schema", async () => {
  const { content } = await current();
  expect(recordContentSchema.safeParse(content).success).toBe(true);
});
