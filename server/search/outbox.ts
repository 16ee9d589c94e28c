// Writing to the search outbox: always inside the transaction of the change itself, so the index
// hears of every committed change and of nothing that rolled back. NOTIFY is transactional too:
// the worker is woken only when the change commits.
import type { DbOrTx } from "../db";

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
