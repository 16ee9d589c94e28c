// The sync worker's loop: woken by LISTEN/NOTIFY the moment a change commits, with a periodic
// poll as a safety net (a missed notification, a retry coming due, a lost connection).
import type { Db } from "../db";
import { listenForNotifications } from "../db-listen";
import type { SearchEngine } from "./engine";
import { OUTBOX_CHANNEL, pruneProcessed } from "./outbox";
import { reconcileNow } from "./status";
import { drainOutbox } from "./sync";

export interface WorkerOptions {
  db: Db;
  engine: SearchEngine;
  databaseUrl: string;
  pollMs?: number;
  /** How often to compare the index with the database (0: never). */
  reconcileMs?: number;
  /** How often to delete processed outbox rows past their keeping time (0: never). */
  pruneMs?: number;
  log?: (message: string) => void;
}

export function startSyncWorker({ db, engine, databaseUrl, pollMs = 5_000, reconcileMs = 10 * 60_000, pruneMs = 60 * 60_000, log = console.log }: WorkerOptions) {
  let running = false;
  let again = false;
  let stopped = false;

  async function drain() {
    if (stopped) return;
    if (running) {
      again = true; // a notification arrived mid-drain: go round once more
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const result = await drainOutbox(db, engine);
        if (result.claimed) log(`search sync: ${result.upserted} indexed, ${result.deleted} removed, ${result.failed} failed (${result.claimed} outbox rows)`);
      } while (again && !stopped);
    } catch (error) {
      log(`search sync: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }

  const poll = setInterval(() => void drain(), pollMs);
  const reconciling = reconcileMs
    ? setInterval(() => {
        reconcileNow(db, engine, null).then(
          (drift) => drift.missing + drift.stale + drift.extra > 0 && log(`search sync: reconcile queued repairs ${JSON.stringify(drift)}`),
          (error: Error) => log(`search sync: reconcile failed: ${error.message}`),
        );
      }, reconcileMs)
    : undefined;
  let pruned: Promise<unknown> = Promise.resolve();
  const prune = () =>
    (pruned = pruneProcessed(db).then(
      (deleted) => deleted > 0 && log(`search sync: deleted ${deleted} processed outbox rows`),
      (error: Error) => log(`search sync: pruning the outbox failed: ${error.message}`),
    ));
  const pruning = pruneMs ? setInterval(() => void prune(), pruneMs) : undefined;
  const listener = listenForNotifications({ databaseUrl, channel: OUTBOX_CHANNEL, onNotify: () => void drain(), label: "search sync", pollMs, log });
  const ready = Promise.all([engine.configure(), listener.ready]).then(() => {
    if (pruneMs) void prune();
    return drain();
  });

  return {
    ready,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(reconciling);
      clearInterval(pruning);
      await listener.stop();
      await pruned;
      while (running) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
