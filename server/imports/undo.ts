// Undoing an approved import, a batch of items per transaction: records it created are withdrawn,
// records it updated get the content they had just before it back (as a new revision), unless
// someone edited them since: those are kept as they are and listed for a person to decide. Once
// every item is done, the entities and collections the import created are removed when nothing
// else uses them, and its conflicts still waiting for review are withdrawn.
import { recordAuditEvent } from "../audit/audit";
import type { Db, DbOrTx } from "../db";
import { revisionContentSelect, revisionToContent } from "../records/content";
import { publishRevision } from "../records/publish";
import { enqueueRecordSync } from "../search/outbox";
import { type ImportJob, UNDO_BATCH } from "./publish";

async function undoItem(tx: DbOrTx, job: ImportJob, actorId: string, item: { seq: number; action: string; recordId: number | null; resultRevisionId: number | null; previousRevisionId: number | null }) {
  const where = { importId_seq: { importId: job.id, seq: item.seq } };
  const recordId = item.recordId!;
  await tx.$executeRaw`SELECT 1 FROM records WHERE id = ${recordId} FOR UPDATE`;
  const record = await tx.archivalRecord.findUnique({ where: { id: recordId }, select: { status: true, publishedRevisionId: true } });
  if (!record) return tx.importItem.update({ where, data: { state: "undone" } });
  if (record.publishedRevisionId !== item.resultRevisionId) return tx.importItem.update({ where, data: { state: "kept" } });

  if (item.action === "create") {
    if (record.status === "published") {
      await tx.archivalRecord.update({
        where: { id: recordId },
        data: { status: "withdrawn", withdrawnAt: new Date(), withdrawnReason: `Import ${job.id} (${job.fileName}) was undone.`, version: { increment: 1 } },
      });
      await recordAuditEvent(tx, { actorId, action: "record.withdraw", subjectType: "record", subjectId: recordId, payload: { reason: "import undone", importId: job.id } });
      await enqueueRecordSync(tx, [recordId]);
    }
    await tx.recordImportKey.deleteMany({ where: { recordId, importId: job.id } });
    return tx.importItem.update({ where, data: { state: "undone" } });
  }

  if (record.status !== "published" || item.previousRevisionId === null) return tx.importItem.update({ where, data: { state: "kept" } });
  const previous = await tx.recordRevision.findUniqueOrThrow({ where: { id: item.previousRevisionId }, select: revisionContentSelect });
  await publishRevision(tx, {
    recordId,
    content: revisionToContent(previous),
    authorId: actorId,
    message: `Undo of import ${job.id} (${job.fileName}): back to revision ${previous.number}`,
  });
  return tx.importItem.update({ where, data: { state: "undone" } });
}

/** Undoes the next batch of published items after `afterSeq` (as publishNextBatch). */
export async function undoNextBatch(db: Db, job: ImportJob, actorId: string, afterSeq = 0): Promise<{ count: number; lastSeq: number }> {
  const items = await db.importItem.findMany({
    where: { importId: job.id, state: "published", seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: UNDO_BATCH,
    select: { seq: true, action: true, recordId: true, resultRevisionId: true, previousRevisionId: true },
  });
  if (!items.length) return { count: 0, lastSeq: afterSeq };
  await db.$transaction(
    async (tx) => {
      for (const item of items) await undoItem(tx, job, actorId, item);
      await tx.import.update({ where: { id: job.id }, data: { progressDone: { increment: items.length }, heartbeatAt: new Date() } });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { count: items.length, lastSeq: items[items.length - 1]!.seq };
}

export interface UndoSummary {
  withdrawn: number;
  reverted: number;
  /** Records edited since the import: left as they are. */
  kept: number;
  entitiesRemoved: number;
  /** Entities the import created that something else now uses. */
  entitiesKept: number;
  collectionsRemoved: number;
  collectionsKept: number;
  conflictsWithdrawn: number;
}

/**
 * Removes what the import created that nothing else uses: an entity is in use when a revision
 * other than this import's own undone ones mentions it, a change request names it, or another
 * entity was merged into it; a collection, when another revision belongs to it. The import's own
 * revisions (now withdrawn or superseded) lose their mention of what is removed.
 */
export async function finishUndo(db: Db, job: ImportJob, actorId: string): Promise<UndoSummary> {
  return db.$transaction(
    async (tx) => {
      const counts = await tx.importItem.groupBy({ by: ["action", "state"], where: { importId: job.id }, _count: true });
      const count = (action: string, state: string) => counts.find((c) => c.action === action && c.state === state)?._count ?? 0;
      const summary: UndoSummary = {
        withdrawn: count("create", "undone"),
        reverted: count("update", "undone"),
        kept: count("create", "kept") + count("update", "kept"),
        entitiesRemoved: 0,
        entitiesKept: 0,
        collectionsRemoved: 0,
        collectionsKept: 0,
        conflictsWithdrawn: 0,
      };
      const created = await tx.importReference.findMany({ where: { importId: job.id, createdId: { not: null } }, select: { kind: true, createdId: true } });
      const ownRevisions = `SELECT result_revision_id FROM import_items WHERE import_id = $1 AND state = 'undone' AND result_revision_id IS NOT NULL`;
      for (const ref of created) {
        const id = ref.createdId!;
        if (ref.kind === "collection") {
          const [{ used }] = await tx.$queryRawUnsafe<[{ used: number }]>(
            `SELECT count(*)::int AS used FROM revision_collections WHERE collection_id = $2 AND revision_id NOT IN (${ownRevisions})`,
            job.id,
            id,
          );
          if (used > 0) {
            summary.collectionsKept++;
            continue;
          }
          await tx.revisionCollection.deleteMany({ where: { collectionId: id } });
          await tx.collection.delete({ where: { id } });
          summary.collectionsRemoved++;
          continue;
        }
        const [{ used }] = await tx.$queryRawUnsafe<[{ used: number }]>(
          `SELECT ((SELECT count(*) FROM mentions WHERE entity_id = $2 AND revision_id NOT IN (${ownRevisions}))
                 + (SELECT count(*) FROM change_requests WHERE entity_id = $2)
                 + (SELECT count(*) FROM entities WHERE merged_into_id = $2))::int AS used`,
          job.id,
          id,
        );
        if (used > 0) {
          summary.entitiesKept++;
          continue;
        }
        await tx.mention.deleteMany({ where: { entityId: id } });
        await tx.entity.delete({ where: { id } });
        await recordAuditEvent(tx, { actorId, action: "entity.remove", subjectType: "entity", subjectId: id, payload: { importId: job.id, reason: "import undone" } });
        summary.entitiesRemoved++;
      }
      const conflicts = await tx.importItem.findMany({ where: { importId: job.id, state: "conflict", conflictRequestId: { not: null } }, select: { conflictRequestId: true } });
      if (conflicts.length) {
        const withdrawn = await tx.changeRequest.updateMany({
          where: { id: { in: conflicts.map((c) => c.conflictRequestId!) }, state: "pending" },
          data: { state: "withdrawn", decidedAt: new Date(), version: { increment: 1 } },
        });
        summary.conflictsWithdrawn = withdrawn.count;
      }
      return summary;
    },
    { timeout: 120_000 },
  );
}
