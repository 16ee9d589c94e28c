// Fault test: PostgreSQL itself restarts, three times, under the running sync worker. Its own
// embedded cluster (the other test files share theirs), stopped and started on the same data.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { freePort, startEmbeddedDb, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { applyMigrations } from "../../scripts/lib/migrations";
import { createDbClient, type Db } from "../../server/db";
import { recordContentSchema } from "../../server/records/content";
import { publishRevision } from "../../server/records/publish";
import { OUTBOX_CHANNEL } from "../../server/search/outbox";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { findDrift } from "../../server/search/reconcile";
import { startSyncWorker } from "../../server/search/worker";

const content = (title: string) =>
  recordContentSchema.parse({ title, dateText: "1962", summary: "Written while the database restarted.", originalLanguage: "en", documentType: "memorandum" });

/** Runs `work` until it succeeds: right after a restart, pooled connections fail once each. */
async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function until(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await retried(check))) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

it("survives three PostgreSQL restarts: one listener, every approval kept and indexed, zero drift", { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-restart-"));
  const port = await freePort();
  const start = () => startEmbeddedDb({ dataDir, port, database: "restart", persistent: true });
  let cluster: EmbeddedDb = await start();
  await applyMigrations(cluster.url);
  const db: Db = createDbClient(cluster.url);
  const engine = new PostgresSearchEngine(db);
  const logs: string[] = [];
  const worker = startSyncWorker({ db, engine, databaseUrl: cluster.url, pollMs: 500, reconcileMs: 0, log: (m) => logs.push(m) });
  const listeners = async () =>
    Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND query = ${`LISTEN ${OUTBOX_CHANNEL}`}`)[0]!.n);
  const published: number[] = [];
  const publish = async (title: string) => published.push((await retried(() => db.$transaction((tx) => publishRevision(tx, { content: content(title), authorId: null })))).recordId);
  try {
    await worker.ready;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await publish(`Memo ${i} before restart ${round}`);
      await cluster.stop();
      cluster = await start();
      for (let i = 0; i < 5; i++) await publish(`Memo ${i} after restart ${round}`);
    }
    // Every approval is kept, and the worker catches up by itself.
    expect(await retried(() => db.archivalRecord.count({ where: { status: "published" } }))).toBe(30);
    expect(await until(async () => (await db.searchOutbox.count({ where: { processedAt: null } })) === 0, 60_000)).toBe(true);
    expect(await retried(() => findDrift(db, engine))).toEqual({ missing: [], stale: [], extra: [] });
    // Exactly one listener, steadily (it doubled on every restart before).
    expect(await until(async () => (await listeners()) === 1, 30_000), logs.join(" | ")).toBe(true);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await retried(listeners), logs.join(" | ")).toBe(1);
  } finally {
    await worker.stop();
    await db.$disconnect();
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
