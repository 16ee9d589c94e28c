// The search sync: claims outbox rows, re-reads what is public now (never trusting a row's
// payload), and upserts or deletes in the engine. Idempotent: applying a row twice writes the
// same document. Safe with several workers: rows are claimed with FOR UPDATE SKIP LOCKED, and a
// per-record advisory lock makes a later change wait for an earlier one, so writes never reorder.
import type { Db } from "../db";
import { inLanes } from "../lanes";
import { buildSearchDocuments } from "./document";
import { OUTBOX_CHANNEL } from "./outbox";
import type { SearchEngine } from "./engine";

const LOCK_NAMESPACE = 727002;
const UPSERT_CHUNK = 500;
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
  try {
    return await claimAndApply(db, engine, limit);
  } catch (error) {
    if (!(error instanceof BatchFailed)) throw error;
    // The batch's transaction is rolled back (a PostgreSQL error aborts it, so nothing more can
    // be written in it): the attempt and its backoff are recorded afterwards, on another
    // connection, or the batch would be retried on every poll without ever backing off.
    await db.$transaction(
      error.rows.map((row) =>
        db.searchOutbox.updateMany({
          where: { id: row.id, processedAt: null },
          data: { attempts: row.attempts + 1, lastError: error.message, availableAt: new Date(Date.now() + backoffMs(row.attempts + 1)) },
        }),
      ),
    );
    return { claimed: error.rows.length, upserted: 0, deleted: 0, failed: error.rows.length };
  }
}

/** A batch that could not be applied: its rows, to record the attempt outside the rolled-back transaction. */
class BatchFailed extends Error {
  constructor(
    readonly rows: { id: number; attempts: number }[],
    message: string,
  ) {
    super(message);
  }
}

function claimAndApply(db: Db, engine: SearchEngine, limit: number): Promise<BatchResult> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: number; op: "sync_record" | "sync_entity"; record_id: number | null; entity_id: number | null; attempts: number }[]>`
        SELECT id, op, record_id, entity_id, attempts FROM search_outbox
        WHERE processed_at IS NULL AND available_at <= now()
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { claimed: 0, upserted: 0, deleted: 0, failed: 0 };

      // An entity row (a rename, a new variant, a merge) fans out into one row per record that
      // mentions the entity, processed by later batches: an entity in 5,000 records is
      // re-indexed 500 at a time, and the change that queued it never waited for any of it.
      const entityRows = rows.filter((r) => r.op === "sync_entity" && r.entity_id !== null);
      if (entityRows.length) {
        const entityIds = entityRows.map((r) => r.entity_id!);
        await tx.$executeRaw`
          INSERT INTO search_outbox (op, record_id)
          SELECT DISTINCT 'sync_record'::"OutboxOp", v.record_id
          FROM mentions m JOIN record_revisions v ON v.id = m.revision_id JOIN records r ON r.published_revision_id = v.id
          WHERE m.entity_id = ANY(${entityIds})`;
        await tx.searchOutbox.updateMany({ where: { id: { in: entityRows.map((r) => r.id) } }, data: { processedAt: new Date(), lastError: null } });
        await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
      }
      // Coalesce: many rows for one record become one re-read and one write.
      const recordRows = rows.filter((r) => r.record_id !== null);
      if (recordRows.length === 0) return { claimed: rows.length, upserted: 0, deleted: 0, failed: 0 };
      const ids = [...new Set(recordRows.map((r) => r.record_id!))].sort((a, b) => a - b);
      // In id order (the array's), so two workers never wait on each other in a cycle; one
      // statement for the whole batch.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, id) FROM unnest(${ids}::int[]) WITH ORDINALITY AS t(id, n) ORDER BY n`;

      const rowIds = recordRows.map((r) => r.id);
      try {
        // Read outside the batch's transaction, through node-postgres: the advisory locks above keep
        // other batches off these records, and every statement reads what is committed either way.
        const documents = await buildSearchDocuments(db, ids);
        const toDelete = ids.filter((id) => !documents.has(id));
        const docs = [...documents.values()];
        for (let i = 0; i < docs.length; i += UPSERT_CHUNK) await engine.upsert(docs.slice(i, i + UPSERT_CHUNK));
        await engine.delete(toDelete);
        await tx.searchOutbox.updateMany({ where: { id: { in: rowIds } }, data: { processedAt: new Date(), lastError: null } });
        return { claimed: rows.length, upserted: docs.length, deleted: toDelete.length, failed: 0 };
      } catch (error) {
        throw new BatchFailed(recordRows, error instanceof Error ? error.message.slice(0, 2000) : String(error));
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Batches applied at once: while one waits for the database, the next is read or written. */
export const SYNC_CONCURRENCY = 2;

/**
 * Runs batches until nothing is due, `concurrency` at a time (each claims its own rows: SKIP
 * LOCKED; a record in two batches is written by one after the other: the advisory lock).
 */
export async function drainOutbox(db: Db, engine: SearchEngine, { concurrency = SYNC_CONCURRENCY }: { concurrency?: number } = {}): Promise<BatchResult> {
  const total: BatchResult = { claimed: 0, upserted: 0, deleted: 0, failed: 0 };
  const lane = async () => {
    for (;;) {
      const batch = await processOutboxBatch(db, engine);
      total.claimed += batch.claimed;
      total.upserted += batch.upserted;
      total.deleted += batch.deleted;
      total.failed += batch.failed;
      if (batch.claimed === 0 || batch.failed > 0) return;
    }
  };
  await inLanes(concurrency, lane);
  return total;
}
