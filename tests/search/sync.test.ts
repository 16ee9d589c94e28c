// The outbox and the sync worker: nothing lost, nothing reordered, nothing leaked.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { searchQuerySchema, searchWith, type SearchEngine } from "../../server/search/engine";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { findDrift, reconcile } from "../../server/search/reconcile";
import { OUTBOX_CHANNEL, pruneProcessed } from "../../server/search/outbox";
import { drainOutbox, processOutboxBatch } from "../../server/search/sync";
import { startSyncWorker } from "../../server/search/worker";
import { recordContentSchema } from "../../server/records/content";
import { publishRevision } from "../../server/records/publish";
import { seedDemoArchive } from "../../server/seed/demo-archive";

const engine = new PostgresSearchEngine(db);
const search = (q: string) => searchWith(engine, searchQuerySchema.parse({ q, pageSize: 100 }));

/** An engine whose writes fail while `down` is true (the index unreachable). */
class FlakyEngine implements SearchEngine {
  readonly name = "postgres" as const;
  down = false;
  failAfterUpsert = false;
  constructor(private readonly inner: SearchEngine) {}
  configure() { return this.inner.configure(); }
  async upsert(docs: Parameters<SearchEngine["upsert"]>[0]) {
    if (this.down) throw new Error("search engine unreachable (ECONNREFUSED)");
    await this.inner.upsert(docs);
    // The worker dies after indexing, before acknowledging the outbox rows.
    if (this.failAfterUpsert) throw new Error("worker killed after indexing");
  }
  delete(ids: number[]) { return this.down ? Promise.reject(new Error("search engine unreachable")) : this.inner.delete(ids); }
  search(...args: Parameters<SearchEngine["search"]>) { return this.inner.search(...args); }
  rebuild(docs: Parameters<SearchEngine["rebuild"]>[0]) { return this.inner.rebuild(docs); }
  indexedRevisions() { return this.inner.indexedRevisions(); }
  health() { return this.inner.health(); }
}

const content = (title: string, summary = "A memorandum written for the sync tests.") =>
  recordContentSchema.parse({ title, dateText: "circa 1961", summary, originalLanguage: "en", documentType: "memorandum" });

async function publishNew(title: string) {
  return db.$transaction((tx) => publishRevision(tx, { content: content(title), authorId: null }));
}

/** Makes every pending row due now (skips the retry backoff in tests). */
const makeDue = () => db.searchOutbox.updateMany({ where: { processedAt: null }, data: { availableAt: new Date(0) } });
const pending = () => db.searchOutbox.count({ where: { processedAt: null } });

describe("search sync through the outbox", () => {
  beforeAll(async () => {
    await seedDemoArchive(db);
  });
  beforeEach(async () => {
    await drainOutbox(db, engine);
  });

  it("indexes an approved change from the outbox, re-reading the current state", async () => {
    const { recordId } = await publishNew("Memorandum on the Chollima movement");
    expect(await pending()).toBe(1);
    expect((await search("Chollima")).total).toBe(0);
    const result = await drainOutbox(db, engine);
    expect(result).toMatchObject({ claimed: 1, upserted: 1, failed: 0 });
    expect((await search("Chollima")).hits.map((h) => h.id)).toEqual([recordId]);
    expect(await pending()).toBe(0);
  });

  it("never indexes what is not public: a withdrawn record leaves the index", async () => {
    const { recordId } = await publishNew("Memorandum on withdrawn matters");
    await drainOutbox(db, engine);
    expect((await search("withdrawn matters")).total).toBe(1);
    await db.$transaction(async (tx) => {
      await tx.archivalRecord.update({ where: { id: recordId }, data: { status: "withdrawn", withdrawnAt: new Date() } });
      await tx.searchOutbox.create({ data: { op: "sync_record", recordId } });
    });
    expect(await drainOutbox(db, engine)).toMatchObject({ deleted: 1 });
    expect((await search("withdrawn matters")).total).toBe(0);
    expect((await searchWith(engine, searchQuerySchema.parse({ q: "" }))).hits.map((h) => h.id)).not.toContain(recordId);
  });

  it("loses nothing when the worker dies between indexing and acknowledging; the retry is harmless", async () => {
    const flaky = new FlakyEngine(engine);
    const { recordId } = await publishNew("Memorandum on the Tumen river bridge");
    flaky.failAfterUpsert = true;
    expect(await processOutboxBatch(db, flaky)).toMatchObject({ failed: 1 });
    const row = await db.searchOutbox.findFirstOrThrow({ where: { recordId }, orderBy: { id: "desc" } });
    expect(row.processedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("worker killed");
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());

    flaky.failAfterUpsert = false;
    await makeDue();
    expect(await processOutboxBatch(db, flaky)).toMatchObject({ claimed: 1, upserted: 1, failed: 0 });
    const hits = (await search("Tumen bridge")).hits;
    expect(hits.map((h) => h.id)).toEqual([recordId]);
  });

  it("keeps every approval while the engine is down, then catches up with zero drift", async () => {
    const flaky = new FlakyEngine(engine);
    flaky.down = true;
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) ids.push((await publishNew(`Outage report number ${i}`)).recordId);
    expect(await pending()).toBe(100);
    expect(await drainOutbox(db, flaky)).toMatchObject({ failed: 100 });
    expect(await db.searchOutbox.count({ where: { processedAt: null, lastError: { contains: "unreachable" } } })).toBe(100);

    flaky.down = false;
    await makeDue();
    await drainOutbox(db, flaky);
    expect(await pending()).toBe(0);
    expect((await search("outage report")).total).toBe(100);
    expect(await findDrift(db, engine)).toEqual({ missing: [], stale: [], extra: [] });
  });

  it("lets two workers drain at once without double-applying or reordering", async () => {
    const { recordId } = await publishNew("Memorandum, first version");
    const titles = ["second", "third", "fourth", "fifth"];
    for (const t of titles) {
      const record = await db.archivalRecord.findUniqueOrThrow({ where: { id: recordId }, select: { version: true } });
      await db.$transaction((tx) =>
        publishRevision(tx, { recordId, expectedVersion: record.version, content: content(`Memorandum, ${t} version`), authorId: null }),
      );
    }
    for (let i = 0; i < 40; i++) await publishNew(`Parallel memorandum ${i}`);
    const due = await pending();
    const results = await Promise.all([
      (async () => { let n = 0; for (;;) { const b = await processOutboxBatch(db, engine, { limit: 3 }); if (!b.claimed) return n; n += b.claimed; } })(),
      (async () => { let n = 0; for (;;) { const b = await processOutboxBatch(db, engine, { limit: 3 }); if (!b.claimed) return n; n += b.claimed; } })(),
    ]);
    expect(results[0] + results[1]).toBe(due); // every row claimed exactly once
    expect(await pending()).toBe(0);
    const indexed = await engine.indexedRevisions();
    const record = await db.archivalRecord.findUniqueOrThrow({ where: { id: recordId } });
    expect(indexed.get(recordId)).toBe(record.publishedRevisionId); // the latest version won
    expect((await search("Memorandum fifth version")).total).toBe(1);
    expect((await search("parallel memorandum")).total).toBe(40);
  });

  it("re-indexes every record of an entity after a rename", async () => {
    const choe = await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" } });
    await db.$transaction(async (tx) => {
      await tx.entityName.create({ data: { entityId: choe.entityId, name: "Cui Yongjian", normalized: "cui yongjian", language: "zh-Latn", romanization: "pinyin" } });
      await tx.searchOutbox.create({ data: { op: "sync_entity", entityId: choe.entityId } });
    });
    expect((await search("Yongjian")).total).toBe(0);
    // The entity row fans out into one row per record, re-indexed in later batches.
    expect(await processOutboxBatch(db, engine)).toMatchObject({ claimed: 1, upserted: 0 });
    expect(await db.searchOutbox.count({ where: { processedAt: null, op: "sync_record" } })).toBe(9);
    expect(await processOutboxBatch(db, engine, { limit: 4 })).toMatchObject({ claimed: 4, upserted: 4 });
    expect(await drainOutbox(db, engine)).toMatchObject({ claimed: 5, upserted: 5 });
    expect((await search("Yongjian")).total).toBe(9);
  });

  it("finds and repairs drift: missing, stale and extra documents", async () => {
    const records = await db.archivalRecord.findMany({ where: { status: "published" }, take: 2, select: { id: true } });
    await engine.delete([records[0]!.id]);
    await db.$executeRaw`UPDATE search_documents SET revision_id = revision_id + 100000 WHERE record_id = ${records[1]!.id}`;
    await db.$executeRaw`INSERT INTO search_documents (record_id, revision_id, title, names, summary, body, date_text, date_earliest, date_latest, decade, document_type, language, collection_ids, entity_ids, document)
      VALUES (999999, 1, 'ghost', '', '', '', '1950', '1950-01-01', '1950-12-31', 1950, 'other', 'en', '{}', '{}', '{}')`;
    const drift = await reconcile(db, engine);
    expect(drift).toEqual({ missing: [records[0]!.id], stale: [records[1]!.id], extra: [999999] });
    await drainOutbox(db, engine);
    expect(await findDrift(db, engine)).toEqual({ missing: [], stale: [], extra: [] });
  });

  it("records the attempt and backs off when PostgreSQL itself fails inside a batch", async () => {
    // Fault injection: acknowledging a row fails in the database (its transaction is aborted).
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_ack() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.processed_at IS NOT NULL THEN RAISE EXCEPTION 'injected failure while acknowledging'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_ack BEFORE UPDATE ON search_outbox FOR EACH ROW EXECUTE FUNCTION refuse_ack()`);
    try {
      const { recordId } = await publishNew("Memorandum on a failing acknowledgement");
      expect(await processOutboxBatch(db, engine)).toMatchObject({ failed: 1 });
      const row = await db.searchOutbox.findFirstOrThrow({ where: { recordId, processedAt: null } });
      expect(row.attempts).toBe(1);
      expect(row.lastError).toContain("injected failure");
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
      // Not due: the next poll leaves it alone.
      expect(await processOutboxBatch(db, engine)).toMatchObject({ claimed: 0 });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_ack ON search_outbox`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_ack()`);
    }
    await makeDue();
    await drainOutbox(db, engine);
    expect(await pending()).toBe(0);
  });

  it("audits a reconcile that a person ran or that repaired drift, not the worker's quiet periodic check", async () => {
    const { reconcileNow } = await import("../../server/search/status");
    const audited = () => db.auditEvent.count({ where: { action: "search.reconcile" } });
    const before = await audited();
    await drainOutbox(db, engine);
    expect(await reconcileNow(db, engine, null)).toEqual({ missing: 0, stale: 0, extra: 0 });
    expect(await audited()).toBe(before);
    await engine.delete([(await db.archivalRecord.findFirstOrThrow({ where: { status: "published" } })).id]);
    expect((await reconcileNow(db, engine, null)).missing).toBe(1);
    expect(await audited()).toBe(before + 1);
    await drainOutbox(db, engine);
  });

  it("keeps exactly one listening connection however often the database drops it", async () => {
    const listeners = () =>
      db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND query = ${`LISTEN ${OUTBOX_CHANNEL}`}`;
    const waitFor = async (check: (pids: number[]) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const pids = (await listeners()).map((r) => r.pid);
        if (check(pids)) return pids;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`listeners: ${JSON.stringify(await listeners())}`);
    };
    const logs: string[] = [];
    const worker = startSyncWorker({ db, engine, databaseUrl: process.env.DATABASE_URL!, pollMs: 60_000, reconcileMs: 0, log: (m) => logs.push(`${Date.now() % 100000} ${m}`) });
    try {
      await worker.ready;
      let pids = await waitFor((p) => p.length === 1);
      // Three outages of the listening connection, as a PostgreSQL restart ends it.
      for (let i = 0; i < 3; i++) {
        const before = pids[0]!;
        await db.$queryRaw`SELECT pg_terminate_backend(${before}::int)`;
        pids = await waitFor((p) => p.length >= 1 && !p.includes(before));
      }
      // Exactly one, and it stays one (a doubling listener would keep 2, 4, 8…; a terminated
      // backend can linger in pg_stat_activity for a moment on a busy machine, hence the window).
      let steadySince = Date.now();
      const deadline = Date.now() + 20_000;
      while (Date.now() - steadySince < 2_500 && Date.now() < deadline) {
        if ((await listeners()).length !== 1) steadySince = Date.now();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await listeners()).length, logs.join(" | ")).toBe(1);
      expect(Date.now() - steadySince).toBeGreaterThanOrEqual(2_500);
      // And it still listens: a change is indexed without waiting for the (one-minute) poll.
      const { recordId } = await publishNew("Telegram indexed after the listener came back");
      const indexed = async () => (await search("telegram listener")).hits.some((h) => h.id === recordId);
      for (let i = 0; i < 100 && !(await indexed()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await indexed()).toBe(true);
    } finally {
      await worker.stop();
    }
  });
  it("deletes processed outbox rows past their keeping time, never a pending or failed one", async () => {
    const { recordId } = await publishNew("Memorandum on outbox housekeeping");
    await drainOutbox(db, engine);
    const day = 24 * 60 * 60 * 1000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day);
    const row = (data: { processedAt: Date | null; lastError?: string; createdAt: Date }) => db.searchOutbox.create({ data: { op: "sync_record", recordId, ...data } });
    const old = await row({ processedAt: at(30), createdAt: at(30) });
    const older = await row({ processedAt: at(8), createdAt: at(9) });
    const recent = await row({ processedAt: at(1), createdAt: at(1) });
    // Queued long ago and never processed (one that keeps failing): kept until it is.
    const failing = await row({ processedAt: null, lastError: "engine unreachable", createdAt: at(40) });
    const deleted = await pruneProcessed(db, { keepDays: 7 });
    expect(deleted).toBeGreaterThanOrEqual(2);
    const left = new Set((await db.searchOutbox.findMany({ where: { id: { in: [old.id, older.id, recent.id, failing.id] } }, select: { id: true } })).map((r) => r.id));
    expect(left).toEqual(new Set([recent.id, failing.id]));
    // Everything else processed more than a week ago is gone too; the record stays indexed.
    expect(await db.searchOutbox.count({ where: { processedAt: { lt: at(7) } } })).toBe(0);
    expect((await search("outbox housekeeping")).hits.map((h) => h.id)).toEqual([recordId]);
    await db.searchOutbox.delete({ where: { id: failing.id } });
  });
});
