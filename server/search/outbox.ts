// Writing to the search outbox: always inside the transaction of the change itself, so the index
// hears of every committed change and of nothing that rolled back. NOTIFY is transactional too:
// the worker is woken only when the change commits.
import type { Db, DbOrTx } from "../db";

export const OUTBOX_CHANNEL = "search_outbox";

export async function enqueueRecordSync(tx: DbOrTx, recordIds: number[]): Promise<void> {
  if (recordIds.length === 0) return;
  // One statement however many records (a bulk import queues hundreds at a time).
  const ids = [...new Set(recordIds)];
  await tx.$executeRaw`INSERT INTO search_outbox (op, record_id) SELECT 'sync_record', unnest(${ids}::int[])`;
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}

/** After a rename, a new variant or a merge: re-index every record that mentions the entity. */
export async function enqueueEntitySync(tx: DbOrTx, entityIds: number[]): Promise<void> {
  if (entityIds.length === 0) return;
  await tx.searchOutbox.createMany({ data: [...new Set(entityIds)].map((entityId) => ({ op: "sync_entity" as const, entityId })) });
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}

/** Processed rows are kept this long (when a record was last queued and indexed), then deleted. */
export const PROCESSED_KEPT_DAYS = 7;
/** Rows deleted per statement: short transactions, however far behind the pruning is. */
const PRUNE_BATCH = 5_000;

/**
 * Deletes processed rows older than `keepDays` (every change queues a row: a 100,000-row import
 * leaves 100,000 of them). Rows not yet processed, failed ones included, are never touched.
 * Oldest first by id, in batches. Returns how many were deleted. processed_at holds UTC (as the
 * client writes it), compared here in UTC whatever the session's time zone.
 */
export async function pruneProcessed(db: Db, { keepDays = PROCESSED_KEPT_DAYS, now = new Date() }: { keepDays?: number; now?: Date } = {}): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM search_outbox WHERE id IN (
        SELECT id FROM search_outbox WHERE processed_at < (${before.toISOString()}::timestamptz AT TIME ZONE 'UTC') ORDER BY id LIMIT ${PRUNE_BATCH})`;
    deleted += n;
    if (n < PRUNE_BATCH) return deleted;
  }
}
