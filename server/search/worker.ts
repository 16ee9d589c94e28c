// The sync worker's loop: woken by LISTEN/NOTIFY the moment a change commits, with a periodic
// poll as a safety net (a missed notification, a retry coming due, a lost connection).
import pg from "pg";
import type { Db } from "../db";
import type { SearchEngine } from "./engine";
import { OUTBOX_CHANNEL } from "./outbox";
import { reconcileNow } from "./status";
import { drainOutbox } from "./sync";

export interface WorkerOptions {
  db: Db;
  engine: SearchEngine;
  databaseUrl: string;
  pollMs?: number;
  /** How often to compare the index with the database (0: never). */
  reconcileMs?: number;
  log?: (message: string) => void;
}

export function startSyncWorker({ db, engine, databaseUrl, pollMs = 5_000, reconcileMs = 10 * 60_000, log = console.log }: WorkerOptions) {
  let running = false;
  let again = false;
  let stopped = false;
  let listener: pg.Client | undefined;

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

  // Exactly one listening connection, always: a lost connection is ended and replaced once,
  // however many "error" and "end" events it emits, and only one reconnection waits at a time.
  let reconnect: NodeJS.Timeout | undefined;
  function listenLater(ms: number) {
    if (stopped || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      void listen();
    }, ms);
    reconnect.unref();
  }

  async function listen() {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    let lost = false;
    const onLost = (message: string, retryMs: number) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      if (stopped) return;
      log(`search sync: ${message}`);
      listenLater(retryMs);
    };
    client.on("notification", () => void drain());
    client.on("error", (error) => onLost(`listener lost (${error.message}); reconnecting`, 1_000));
    client.on("end", () => onLost("listener connection closed; reconnecting", 1_000));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      onLost(`cannot listen (${(error as Error).message}); polling every ${pollMs} ms`, 5_000);
      return;
    }
    if (lost || stopped) return void client.end().catch(() => undefined);
    listener = client;
    void drain(); // whatever was committed while nobody listened
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
  const ready = Promise.all([engine.configure(), listen()]).then(() => drain());

  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(reconnect);
      clearInterval(poll);
      clearInterval(reconciling);
      await listener?.end().catch(() => undefined);
      while (running) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
