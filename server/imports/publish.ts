// Publishing an approved import, a batch of items per transaction: each batch either publishes
// whole (revisions, records, entities it introduces, audit events, search outbox rows) or not at
// all, so a job killed mid-way leaves published batches and pending ones, never half a record.
// Updates merge against the record as it is now (the editor's three-way rebase): a record that
// changed since the dry run in the same fields becomes a change request of its own for a person.
import { recordAuditEvent } from "../audit/audit";
import { type Db, type DbOrTx, readRows } from "../db";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { inLanes } from "../lanes";
import { mentionKey, type RecordContent, recordContentSchema, revisionContentSelect, revisionToContent } from "../records/content";
import { publishNewRecords, publishRevision } from "../records/publish";
import { mergeContent } from "../review/merge";
import { parseStored } from "../review/stored";
import { storedItemSchema } from "./item";
import { materializeMany } from "./references";
import type { Problem } from "./row";

/** Items published per transaction. */
export const PUBLISH_BATCH = 500;
/** Items undone per transaction (each is a record's own revert or withdrawal). */
export const UNDO_BATCH = 100;

export interface ImportJob {
  id: number;
  authorId: string;
  fileName: string;
}

type Item = { seq: number; location: string; key: string | null; action: string; recordId: number | null; baseRevisionId: number | null; proposed: unknown; problems: unknown };

async function leaveOut(tx: DbOrTx, importId: number, item: Item, message: string) {
  const problems = [...((item.problems as Problem[]) ?? []), { level: "error", message: `Not published: ${message}` }];
  await tx.importItem.update({ where: { importId_seq: { importId, seq: item.seq } }, data: { state: "left_out", problems: problems as unknown as Prisma.InputJsonValue } });
}

/** The item's content with every reference made an id (the batch's references, resolved). */
function contentOf(item: Item, ids: Map<string, number>): RecordContent {
  const stored = parseStored(storedItemSchema, item.proposed, "import item");
  const mentions: RecordContent["mentions"] = stored.mentions.flatMap((m) => {
    const entityId = ids.get(m.ref);
    return entityId === undefined ? [] : [{ entityId, role: m.role, ...(m.nameId ? { nameId: m.nameId } : {}) }];
  });
  const collectionIds = stored.collections.flatMap((ref) => (ids.has(ref) ? [ids.get(ref)!] : []));
  // Two names of the file may have matched one entity: it is mentioned once per role.
  const unique = [...new Map(mentions.map((m) => [mentionKey(m), m])).values()];
  return parseStored(recordContentSchema, { ...stored.content, mentions: unique, collectionIds: [...new Set(collectionIds)], links: stored.links }, "import item");
}

/** Every reference an item's content uses. */
function refsOf(item: Item): string[] {
  const parsed = storedItemSchema.safeParse(item.proposed);
  return parsed.success ? [...parsed.data.mentions.map((m) => m.ref), ...parsed.data.collections] : [];
}

const messageOf = (job: ImportJob, item: Item) => `Imported from ${job.fileName} (import ${job.id}, ${item.location})`;

/** Publishes the new records of a batch together (records/publish.ts, publishNewRecords). */
async function publishCreates(tx: DbOrTx, job: ImportJob, items: Item[], ids: Map<string, number>) {
  const ready: { item: Item; content: RecordContent }[] = [];
  for (const item of items) {
    try {
      ready.push({ item, content: contentOf(item, ids) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await leaveOut(tx, job.id, item, error.message);
    }
  }
  const results = await publishNewRecords(tx, ready.map(({ item, content }) => ({ content, authorId: job.authorId, message: messageOf(job, item) })));
  const done: { seq: number; key: string | null; record_id: number; revision_id: number }[] = [];
  for (const [k, result] of results.entries()) {
    const { item } = ready[k]!;
    if ("error" in result) await leaveOut(tx, job.id, item, result.error.message);
    else done.push({ seq: item.seq, key: item.key, record_id: result.recordId, revision_id: result.revisionId });
  }
  if (!done.length) return;
  const rows = JSON.stringify(done);
  await tx.$executeRaw`
    UPDATE import_items i SET state = 'published', record_id = x.record_id, result_revision_id = x.revision_id
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(seq int, key text, record_id int, revision_id int)
    WHERE i.import_id = ${job.id} AND i.seq = x.seq`;
  await tx.$executeRaw`
    INSERT INTO record_import_keys (key, record_id, import_id)
    SELECT key, record_id, ${job.id} FROM jsonb_to_recordset(${rows}::jsonb) AS x(seq int, key text, record_id int, revision_id int) WHERE key IS NOT NULL
    ON CONFLICT (key) DO UPDATE SET record_id = excluded.record_id, import_id = excluded.import_id`;
}

/** Publishes an update: merged with the record as it is now, or sent to review on a conflict. */
async function publishUpdate(tx: DbOrTx, job: ImportJob, item: Item, ids: Map<string, number>) {
  const where = { importId_seq: { importId: job.id, seq: item.seq } };
  const message = messageOf(job, item);
  let content: RecordContent;
  try {
    content = contentOf(item, ids);
  } catch (error) {
    if (error instanceof DomainError) return leaveOut(tx, job.id, item, error.message);
    throw error;
  }
  const recordId = item.recordId!;
  await tx.$executeRaw`SELECT 1 FROM records WHERE id = ${recordId} FOR UPDATE`;
  const record = await tx.archivalRecord.findUnique({ where: { id: recordId }, select: { status: true, publishedRevisionId: true } });
  if (!record || record.status !== "published" || record.publishedRevisionId === null) {
    return leaveOut(tx, job.id, item, `record ${recordId} ${record ? `is ${record.status}` : "no longer exists"}.`);
  }
  const current = record.publishedRevisionId;
  let toPublish = content;
  if (current !== item.baseRevisionId && item.baseRevisionId !== null) {
    // One after another: a transaction's queries share its one connection.
    const base = await tx.recordRevision.findUniqueOrThrow({ where: { id: item.baseRevisionId }, select: revisionContentSelect });
    const now = await tx.recordRevision.findUniqueOrThrow({ where: { id: current }, select: revisionContentSelect });
    const merge = mergeContent(revisionToContent(base), revisionToContent(now), content);
    if (merge.conflicts.length) {
      // Someone changed the same fields since the dry run: a person decides, in the review queue.
      const request = await tx.changeRequest.create({
        data: {
          kind: "record_edit",
          state: "pending",
          recordId,
          baseRevisionId: item.baseRevisionId,
          proposed: content as unknown as Prisma.InputJsonValue,
          message: `${message}: the record changed since the import was checked (${merge.conflicts.map((c) => c.field).join(", ")}).`,
          authorId: job.authorId,
          submittedAt: new Date(),
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, { actorId: job.authorId, action: "change_request.submit", subjectType: "change_request", subjectId: request.id, payload: { importId: job.id } });
      await tx.importItem.update({ where, data: { state: "conflict", conflictRequestId: request.id, previousRevisionId: current } });
      return;
    }
    toPublish = merge.content;
  }
  try {
    const published = await publishRevision(tx, { recordId, content: toPublish, authorId: job.authorId, message });
    if (item.key) {
      await tx.recordImportKey.upsert({ where: { key: item.key }, create: { key: item.key, recordId, importId: job.id }, update: { recordId, importId: job.id } });
    }
    await tx.importItem.update({ where, data: { state: "published", previousRevisionId: current, resultRevisionId: published.revisionId } });
  } catch (error) {
    if (error instanceof DomainError) return leaveOut(tx, job.id, item, error.message);
    throw error;
  }
}

/** An approved import's next pending items after item `afterSeq`, in order (at most a batch). */
async function pendingItems(db: Db, job: ImportJob, afterSeq: number): Promise<Item[]> {
  // Read-only, outside any transaction, straight through the pool (server/db.ts, readRows): the
  // batch's proposed contents are the bulk of what a publication reads. Starting past the last
  // item handled skips the index entries of items already published.
  return readRows<Item>(
    db,
    Prisma.sql`SELECT seq, location, key, action::text AS action, record_id AS "recordId", base_revision_id AS "baseRevisionId", proposed, problems
      FROM import_items WHERE import_id = ${job.id} AND state = 'pending' AND seq > ${afterSeq} ORDER BY seq LIMIT ${PUBLISH_BATCH}`,
  );
}

/** Publishes a batch of items in one transaction: all of it, or (on an error) none. */
async function publishBatch(db: Db, job: ImportJob, items: Item[]): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const ids = await materializeMany(tx, job.id, items.flatMap(refsOf), job.authorId);
      await publishCreates(tx, job, items.filter((i) => i.action === "create"), ids);
      for (const item of items) if (item.action === "update") await publishUpdate(tx, job, item, ids);
      await tx.import.update({ where: { id: job.id }, data: { progressDone: { increment: items.length }, heartbeatAt: new Date() } });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/**
 * Publishes the next batch of an approved import's items, after item `afterSeq` (the last one
 * the caller handled). Returns how many it handled (0: done) and the last one.
 */
export async function publishNextBatch(db: Db, job: ImportJob, afterSeq = 0): Promise<{ count: number; lastSeq: number }> {
  const items = await pendingItems(db, job, afterSeq);
  if (items.length) await publishBatch(db, job, items);
  return { count: items.length, lastSeq: items[items.length - 1]?.seq ?? afterSeq };
}

/** Batches published at once: while one waits for the database, the next one works. */
export const PUBLISH_CONCURRENCY = 2;

/**
 * Publishes every pending item of an approved import, a batch per transaction, PUBLISH_CONCURRENCY
 * batches at a time (each on its own connection; they write disjoint rows, and the entities they
 * introduce are created once: materializeMany). Batches are read in order; any batch either
 * publishes whole or stays pending for the next run, so a job stopped anywhere resumes cleanly.
 */
export async function publishPending(db: Db, job: ImportJob, concurrency = PUBLISH_CONCURRENCY): Promise<void> {
  let afterSeq = 0;
  let exhausted = false;
  // The reads are chained (each starts past the batch before it); the publications overlap.
  let reading: Promise<unknown> = Promise.resolve();
  const nextItems = () => {
    const read = reading.then(async () => {
      if (exhausted) return [];
      const items = await pendingItems(db, job, afterSeq);
      if (items.length < PUBLISH_BATCH) exhausted = true;
      if (items.length) afterSeq = items[items.length - 1]!.seq;
      return items;
    });
    reading = read.catch(() => undefined);
    return read;
  };
  const lane = async () => {
    try {
      for (let items = await nextItems(); items.length; items = await nextItems()) await publishBatch(db, job, items);
    } catch (error) {
      exhausted = true; // the other lanes finish the batch they hold and stop
      throw error;
    }
  };
  await inLanes(concurrency, lane);
}
