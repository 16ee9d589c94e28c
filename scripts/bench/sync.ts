// npm run bench:sync — time from an approval's commit to the record being returned by search,
// p50/p95: idle (one approval at a time) and during a burst of 1,000 approvals. Runs the real
// worker (LISTEN/NOTIFY) against a throw-away embedded PostgreSQL with the demo archive, and
// searches through the same engine the public endpoint uses (in process, no HTTP).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { prepareDatabase } from "../lib/prepare-database";
import { machine, quantiles, writeSection } from "./report";

const IDLE_SAMPLES = 50;
const BURST = 1_000;
const BURST_PROBES = 20;


const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-sync-"));
const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
try {
  await prepareDatabase(cluster.url, { demo: true, quiet: true });
  const { db } = await import("../../server/db");
  const { PostgresSearchEngine } = await import("../../server/search/postgres-engine");
  const { searchQuerySchema, searchWith } = await import("../../server/search/engine");
  const { startSyncWorker } = await import("../../server/search/worker");
  const { publishRevision } = await import("../../server/records/publish");
  const { recordContentSchema } = await import("../../server/records/content");
  const engine = new PostgresSearchEngine(db);
  const worker = startSyncWorker({ db, engine, databaseUrl: cluster.url, pollMs: 5_000, reconcileMs: 0, log: () => undefined });
  await worker.ready;

  let counter = 0;
  const approve = async (word: string) => {
    const content = recordContentSchema.parse({
      title: `Memorandum ${word}`,
      dateText: "circa 1958",
      summary: "A memorandum published by the sync benchmark.",
      originalLanguage: "en",
      documentType: "memorandum",
    });
    await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
  };
  /** Approves a record with a unique word, then polls search until it is found. */
  const timeToSearchable = async () => {
    const word = `zqx${(counter++).toString(36)}marker`;
    const started = performance.now();
    await approve(word);
    const committed = performance.now();
    for (;;) {
      const result = await searchWith(engine, searchQuerySchema.parse({ q: word, pageSize: 1 }));
      if (result.total > 0) return performance.now() - committed;
      if (performance.now() - started > 30_000) throw new Error("record not searchable after 30 s");
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  const idle: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) idle.push(await timeToSearchable());

  const burstStarted = performance.now();
  const burst = (async () => {
    for (let i = 0; i < BURST; i++) await approve(`burst${i}`);
  })();
  const during: number[] = [];
  for (let i = 0; i < BURST_PROBES; i++) during.push(await timeToSearchable());
  await burst;
  const burstMs = performance.now() - burstStarted;
  await worker.stop();
  await db.$disconnect();

  const i = quantiles(idle);
  const b = quantiles(during);
  const fmt = (n: number) => n.toFixed(0);
  const section = [
    `## bench:sync (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Machine: ${machine()}. Demo archive plus the records the run publishes; PostgreSQL engine; the worker woken by LISTEN/NOTIFY. Time from the approval's commit until search returns the record.`,
    "",
    "| run | samples | p50 ms | p95 ms | max ms |",
    "|---|---|---|---|---|",
    `| idle, one approval at a time | ${IDLE_SAMPLES} | ${fmt(i.p50)} | ${fmt(i.p95)} | ${fmt(i.max)} |`,
    `| during a burst of ${BURST.toLocaleString("en")} approvals (${(burstMs / 1000).toFixed(1)} s) | ${BURST_PROBES} | ${fmt(b.p50)} | ${fmt(b.p95)} | ${fmt(b.max)} |`,
    "",
    "Target: p95 at most 500 ms idle.",
    "",
  ].join("\n");
  console.log(section);
  await writeSection("bench:sync", section);
} finally {
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
