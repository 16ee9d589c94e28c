// What admins see of the search sync: outbox depth and age, failures, the last reconcile, the
// engine and its health, and a rebuild's progress. Plus the actions behind the sync page.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import type { SearchEngine } from "./engine";
import { OUTBOX_CHANNEL } from "./outbox";
import { reconcile } from "./reconcile";
import { rebuildSearchIndex, type RebuildProgress } from "./rebuild";

let progress: RebuildProgress = { state: "idle", total: 0, indexed: 0, startedAt: null, finishedAt: null, error: null };

export async function getSyncStatus(db: Db, engine: SearchEngine) {
  const [pending, oldest, failures, failureCount, lastReconcile, lastRebuild, published, health, indexed] = await Promise.all([
    db.searchOutbox.count({ where: { processedAt: null } }),
    db.searchOutbox.findFirst({ where: { processedAt: null }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.searchOutbox.findMany({
      where: { processedAt: null, lastError: { not: null } },
      orderBy: { id: "asc" },
      take: 50,
      select: { id: true, op: true, recordId: true, entityId: true, attempts: true, lastError: true, availableAt: true, createdAt: true },
    }),
    db.searchOutbox.count({ where: { processedAt: null, lastError: { not: null } } }),
    db.auditEvent.findFirst({ where: { action: "search.reconcile" }, orderBy: { createdAt: "desc" }, select: { createdAt: true, payload: true } }),
    db.auditEvent.findFirst({ where: { action: "search.rebuild" }, orderBy: { createdAt: "desc" }, select: { createdAt: true, payload: true } }),
    db.archivalRecord.count({ where: { status: "published" } }),
    engine.health(),
    engine.indexedRevisions().then((m) => m.size).catch(() => null),
  ]);
  return {
    engine: engine.name,
    health,
    published,
    indexed,
    outbox: { pending, oldestPendingAt: oldest?.createdAt ?? null, failureCount, failures },
    lastReconcile,
    lastRebuild,
    rebuild: progress,
  };
}

/** Makes failed rows due now; the worker picks them up at once. */
export async function retryFailedSync(db: Db, actorId: string, ids?: number[]) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.searchOutbox.updateMany({
      where: { processedAt: null, lastError: { not: null }, ...(ids ? { id: { in: ids } } : {}) },
      data: { availableAt: new Date() },
    });
    await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
    await recordAuditEvent(tx, { actorId, action: "search.retry", subjectType: "search_outbox", payload: { rows: count } });
    return { retried: count };
  });
}

/**
 * Compares the index with the database and queues repairs. Audited when a person asked for it
 * or when it changed something: the worker's periodic check that finds nothing is not an event.
 */
export async function reconcileNow(db: Db, engine: SearchEngine, actorId: string | null) {
  const drift = await reconcile(db, engine);
  const summary = { missing: drift.missing.length, stale: drift.stale.length, extra: drift.extra.length };
  if (actorId === null && summary.missing + summary.stale + summary.extra === 0) return summary;
  await recordAuditEvent(db, { actorId, action: "search.reconcile", subjectType: "search_index", subjectId: engine.name, payload: { ...summary, sample: drift.missing.concat(drift.stale, drift.extra).slice(0, 20) } });
  return summary;
}

/** Starts a rebuild in the background of this server process; one at a time. */
export function startRebuild(db: Db, engine: SearchEngine, actorId: string): RebuildProgress {
  if (progress.state === "running") return progress;
  progress = { state: "running", total: 0, indexed: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null };
  void rebuildSearchIndex(db, engine, {
    actorId,
    onProgress: (indexed, total) => (progress = { ...progress, indexed, total }),
  }).then(
    () => (progress = { ...progress, state: "done", finishedAt: new Date().toISOString() }),
    (error: Error) => (progress = { ...progress, state: "failed", finishedAt: new Date().toISOString(), error: error.message }),
  );
  return progress;
}
