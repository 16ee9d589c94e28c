// Publishing an approved import, a batch of items per transaction: each batch either publishes
// whole (revisions, records, entities it introduces, audit events, search outbox rows) or not at
// all, so a job killed mid-way leaves published batches and pending ones, never half a record.
// Updates merge against the record as it is now (the editor's three-way rebase): a record that
// changed since the dry run in the same fields becomes a change request of its own for a person.
import { recordAuditEvent } from "../audit/audit";
import type { Db, DbOrTx } from "../db";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { mentionKey, type RecordContent, recordContentSchema, revisionContentSelect, revisionToContent } from "../records/content";
import { publishRevision } from "../records/publish";
import { mergeContent } from "../review/merge";
import { parseStored } from "../review/stored";
import { storedItemSchema } from "./item";
import { materialize } from "./references";
import type { Problem } from "./row";

export const PUBLISH_BATCH = 100;

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

/** The item's content with every reference made an id (creating what the import introduces). */
async function contentOf(tx: DbOrTx, job: ImportJob, item: Item, ids: Map<string, number>): Promise<RecordContent> {
  const stored = parseStored(storedItemSchema, item.proposed, "import item");
  const idOf = async (ref: string) => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = await materialize(tx, job.id, ref, job.authorId);
      if (id !== undefined) ids.set(ref, id);
    }
    return id;
  };
  const mentions: RecordContent["mentions"] = [];
  for (const m of stored.mentions) {
    const entityId = await idOf(m.ref);
    if (entityId !== undefined) mentions.push({ entityId, role: m.role, ...(m.nameId ? { nameId: m.nameId } : {}) });
  }
  const collectionIds: number[] = [];
  for (const ref of stored.collections) {
    const id = await idOf(ref);
    if (id !== undefined) collectionIds.push(id);
  }
  // Two names of the file may have matched one entity: it is mentioned once per role.
  const unique = [...new Map(mentions.map((m) => [mentionKey(m), m])).values()];
  return parseStored(recordContentSchema, { ...stored.content, mentions: unique, collectionIds: [...new Set(collectionIds)], links: stored.links }, "import item");
}

async function publishItem(tx: DbOrTx, job: ImportJob, item: Item, ids: Map<string, number>) {
  const where = { importId_seq: { importId: job.id, seq: item.seq } };
  const message = `Imported from ${job.fileName} (import ${job.id}, ${item.location})`;
  let content: RecordContent;
  try {
    content = await contentOf(tx, job, item, ids);
  } catch (error) {
    if (error instanceof DomainError) return leaveOut(tx, job.id, item, error.message);
    throw error;
  }

  if (item.action === "create") {
    try {
      const published = await publishRevision(tx, { content, authorId: job.authorId, message });
      if (item.key) {
        await tx.recordImportKey.upsert({ where: { key: item.key }, create: { key: item.key, recordId: published.recordId, importId: job.id }, update: { recordId: published.recordId, importId: job.id } });
      }
      await tx.importItem.update({ where, data: { state: "published", recordId: published.recordId, resultRevisionId: published.revisionId } });
    } catch (error) {
      if (error instanceof DomainError) return leaveOut(tx, job.id, item, error.message);
      throw error;
    }
    return;
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

/** Publishes the next batch of an approved import's items; returns how many it handled (0: done). */
export async function publishNextBatch(db: Db, job: ImportJob): Promise<number> {
  const items = await db.importItem.findMany({
    where: { importId: job.id, state: "pending" },
    orderBy: { seq: "asc" },
    take: PUBLISH_BATCH,
    select: { seq: true, location: true, key: true, action: true, recordId: true, baseRevisionId: true, proposed: true, problems: true },
  });
  if (!items.length) return 0;
  await db.$transaction(
    async (tx) => {
      const ids = new Map<string, number>();
      for (const item of items) await publishItem(tx, job, item, ids);
      await tx.import.update({ where: { id: job.id }, data: { progressDone: { increment: items.length }, heartbeatAt: new Date() } });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return items.length;
}
