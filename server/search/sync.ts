// The search sync: claims outbox rows, re-reads what is public now (never trusting a row's
// payload), and upserts or deletes in the engine. Idempotent: applying a row twice writes the
// same document. Safe with several workers: rows are claimed with FOR UPDATE SKIP LOCKED, and a
// per-record advisory lock makes a later change wait for an earlier one, so writes never reorder.
import type { Db } from "../db";
import { buildSearchDocuments } from "./document";
import type { SearchEngine } from "./engine";

const LOCK_NAMESPACE = 727002;
const UPSERT_CHUNK = 200;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface BatchResult {
  claimed: number;
  upserted: number;
  deleted: number;
  failed: number;
}

/** Retry delay after the n-th failure: 1 s, 2 s, 4 s... at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Processes one batch of due outbox rows. Returns what it did; claimed 0 means the outbox is drained. */
export async function processOutboxBatch(db: Db, engine: SearchEngine, options: { limit?: number } = {}): Promise<BatchResult> {
  const limit = options.limit ?? 500;
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: number; op: "sync_record" | "sync_entity"; record_id: number | null; entity_id: number | null; attempts: number }[]>`
        SELECT id, op, record_id, entity_id, attempts FROM search_outbox
        WHERE processed_at IS NULL AND available_at <= now()
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { claimed: 0, upserted: 0, deleted: 0, failed: 0 };

      // Coalesce: many rows for one record become one re-read and one write.
      const recordIds = new Set(rows.flatMap((r) => (r.record_id !== null ? [r.record_id] : [])));
      const entityIds = rows.flatMap((r) => (r.entity_id !== null ? [r.entity_id] : []));
      if (entityIds.length) {
        const mentioned = await tx.mention.findMany({
          where: { entityId: { in: entityIds }, revision: { publishedFor: { isNot: null } } },
          select: { revision: { select: { recordId: true } } },
        });
        for (const m of mentioned) recordIds.add(m.revision.recordId);
      }
      const ids = [...recordIds].sort((a, b) => a - b);
      // In id order, so two workers never wait on each other in a cycle.
      for (const id of ids) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${id}::int)`;

      const rowIds = rows.map((r) => r.id);
      try {
        const documents = await buildSearchDocuments(tx, ids);
        const toDelete = ids.filter((id) => !documents.has(id));
        const docs = [...documents.values()];
        for (let i = 0; i < docs.length; i += UPSERT_CHUNK) await engine.upsert(docs.slice(i, i + UPSERT_CHUNK));
        await engine.delete(toDelete);
        await tx.searchOutbox.updateMany({ where: { id: { in: rowIds } }, data: { processedAt: new Date(), lastError: null } });
        return { claimed: rows.length, upserted: docs.length, deleted: toDelete.length, failed: 0 };
      } catch (error) {
        const message = error instanceof Error ? error.message.slice(0, 2000) : String(error);
        for (const row of rows) {
          await tx.searchOutbox.update({
            where: { id: row.id },
            data: { attempts: row.attempts + 1, lastError: message, availableAt: new Date(Date.now() + backoffMs(row.attempts + 1)) },
          });
        }
        return { claimed: rows.length, upserted: 0, deleted: 0, failed: rows.length };
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Runs batches until nothing is due. */
export async function drainOutbox(db: Db, engine: SearchEngine): Promise<BatchResult> {
  const total: BatchResult = { claimed: 0, upserted: 0, deleted: 0, failed: 0 };
  for (;;) {
    const batch = await processOutboxBatch(db, engine);
    total.claimed += batch.claimed;
    total.upserted += batch.upserted;
    total.deleted += batch.deleted;
    total.failed += batch.failed;
    if (batch.claimed === 0 || batch.failed > 0) return total;
  }
}
