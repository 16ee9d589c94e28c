// The reconciler: compares (record id, published revision) in the database with the index and
// queues a sync for every record that differs. The sync then re-reads and repairs it.
import type { Db } from "../db";
import type { SearchEngine } from "./engine";
import { enqueueRecordSync } from "./outbox";

export interface Drift {
  /** Public in the database, absent from the index. */
  missing: number[];
  /** Indexed at another revision than the published one. */
  stale: number[];
  /** In the index but not public (withdrawn, deleted, never published). */
  extra: number[];
}

export async function findDrift(db: Db, engine: SearchEngine): Promise<Drift> {
  const [published, indexed] = await Promise.all([
    db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true, publishedRevisionId: true } }),
    engine.indexedRevisions(),
  ]);
  const drift: Drift = { missing: [], stale: [], extra: [] };
  const publicIds = new Set<number>();
  for (const record of published) {
    publicIds.add(record.id);
    const revision = indexed.get(record.id);
    if (revision === undefined) drift.missing.push(record.id);
    else if (revision !== record.publishedRevisionId) drift.stale.push(record.id);
  }
  for (const id of indexed.keys()) if (!publicIds.has(id)) drift.extra.push(id);
  return drift;
}

/** Finds drift and queues the repairs. Returns what it found. */
export async function reconcile(db: Db, engine: SearchEngine): Promise<Drift> {
  const drift = await findDrift(db, engine);
  const ids = [...drift.missing, ...drift.stale, ...drift.extra];
  if (ids.length) await db.$transaction((tx) => enqueueRecordSync(tx, ids));
  return drift;
}
