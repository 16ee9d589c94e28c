// npm run bench:review — approvals per second and approval latency (p50/p95), each approval
// including its revision, published pointer, audit event and search-outbox row in one
// transaction, at 10k and 100k records. Calls the domain function the tRPC procedure calls
// (no HTTP), against a throw-away embedded PostgreSQL filled with generated records.
//   npm run bench:review                  (10k and 100k)
//   npm run bench:review -- --sizes 10000
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { prepareDatabase } from "../lib/prepare-database";
import { machine, quantiles, writeSection } from "./report";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" } } });
const SIZES = values.sizes.split(",").map(Number);
const SEQUENTIAL = 300;
const REBASED = 100;
const THROUGHPUT = 1_000;
const CONCURRENCY = 8;

const PARAGRAPH = "The ambassador records a conversation about trade, reconstruction and the exchange of specialists. ";

/** Published records with one revision each, a full text of five paragraphs and a collection. */
async function generate(url: string, size: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query(`INSERT INTO collections (slug, title, updated_at) SELECT 'c' || g, 'Collection ' || g, now() FROM generate_series(1, 20) g`);
  await client.query(
    `INSERT INTO records (status, sort_date, published_at, updated_at)
     SELECT 'published', date '1945-01-01' + (g % 9000), now(), now() FROM generate_series(1, $1::int) g`,
    [size],
  );
  await client.query(
    `INSERT INTO record_revisions (record_id, number, title, date_text, date_edtf, date_earliest, date_latest, date_precision,
        summary, full_text, original_language, document_type, source_archive, rights)
     SELECT id, 1, 'Memorandum ' || id, '1957', '1957', date '1957-01-01', date '1957-12-31', 'year',
        'A generated memorandum, number ' || id || ', about trade and reconstruction.',
        array_to_string(array_fill($1::text, ARRAY[5]), E'\\n\\n'), 'ru', 'memorandum', 'Generated archive', ''
     FROM records`,
    [PARAGRAPH.repeat(4).trim()],
  );
  await client.query(`UPDATE records r SET published_revision_id = v.id FROM record_revisions v WHERE v.record_id = r.id`);
  await client.query(`INSERT INTO revision_collections (revision_id, collection_id) SELECT id, 1 + id % 20 FROM record_revisions`);
  await client.query("ANALYZE");
  await client.end();
  return performance.now() - started;
}

async function main() {
  const sections: string[] = [];
  for (const size of SIZES) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-review-"));
    const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
    try {
      await prepareDatabase(cluster.url, { demo: false, quiet: true });
      const genMs = await generate(cluster.url, size);
      console.log(`${size.toLocaleString("en")} records generated in ${(genMs / 1000).toFixed(1)} s`);
      process.env.DATABASE_URL = cluster.url;
      const { createDbClient } = await import("../../server/db");
      const db = createDbClient(cluster.url);
      const { createUser } = await import("../../server/users/users");
      const { approveChangeRequest, proposeRecordChange } = await import("../../server/review/change-requests");
      const { revisionContentSelect, revisionToContent } = await import("../../server/records/content");
      const { publishRevision } = await import("../../server/records/publish");

      const editor = await createUser(db, { email: "bench-editor@example.test", name: "Bench Editor", password: "bench-password-123", role: "editor" });
      const reviewer = await createUser(db, { email: "bench-reviewer@example.test", name: "Bench Reviewer", password: "bench-password-123", role: "reviewer" });
      const author = { id: editor.id, trusted: false };
      const judge = { id: reviewer.id, trusted: false };

      // Distinct random records, so that each approval is an independent edit.
      const ids = new Set<number>();
      while (ids.size < SEQUENTIAL + REBASED + THROUGHPUT) ids.add(1 + Math.floor(Math.random() * size));
      const pool = [...ids];
      const edit = async (recordId: number, change: (text: string) => string) => {
        const revision = await db.recordRevision.findFirstOrThrow({ where: { publishedFor: { is: { id: recordId } } }, select: revisionContentSelect });
        const content = revisionToContent(revision);
        return proposeRecordChange(db, { author, recordId, baseRevisionId: revision.id, content: { ...content, summary: change(content.summary) }, message: "bench" });
      };
      const timed = async (request: { id: number; version: number }) => {
        const started = performance.now();
        await approveChangeRequest(db, { reviewer: judge, id: request.id, expectedVersion: request.version });
        return performance.now() - started;
      };

      // 1. One approval at a time, record unchanged since the request: latency.
      const sequential: number[] = [];
      for (const recordId of pool.slice(0, SEQUENTIAL)) sequential.push(await timed(await edit(recordId, (s) => `${s} Checked.`)));

      // 2. Approvals that need a three-way merge: the record moved on since the request.
      const rebased: number[] = [];
      for (const recordId of pool.slice(SEQUENTIAL, SEQUENTIAL + REBASED)) {
        const request = await edit(recordId, (s) => `${s} Checked.`);
        const current = await db.recordRevision.findFirstOrThrow({ where: { publishedFor: { is: { id: recordId } } }, select: revisionContentSelect });
        const moved = revisionToContent(current);
        await db.$transaction((tx) => publishRevision(tx, { recordId, content: { ...moved, fullText: `${moved.fullText}\n\nA paragraph added meanwhile.` }, authorId: null }));
        rebased.push(await timed(request));
      }

      // 3. Throughput: 1,000 pending requests approved by 8 reviewers at once.
      const pending = [];
      for (const recordId of pool.slice(SEQUENTIAL + REBASED)) pending.push(await edit(recordId, (s) => `${s} Reviewed.`));
      const queue = [...pending];
      const concurrent: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) concurrent.push(await timed(next));
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const outbox = await db.searchOutbox.count();
      await db.$disconnect();

      const s = quantiles(sequential);
      const r = quantiles(rebased);
      const c = quantiles(concurrent);
      const fmt = (n: number) => n.toFixed(1);
      sections.push(
        `| ${size.toLocaleString("en")} | one at a time | ${SEQUENTIAL} | ${(1000 / (sequential.reduce((a, b) => a + b, 0) / SEQUENTIAL)).toFixed(0)} | ${fmt(s.p50)} | ${fmt(s.p95)} |`,
        `| ${size.toLocaleString("en")} | one at a time, with a three-way merge | ${REBASED} | ${(1000 / (rebased.reduce((a, b) => a + b, 0) / REBASED)).toFixed(0)} | ${fmt(r.p50)} | ${fmt(r.p95)} |`,
        `| ${size.toLocaleString("en")} | ${CONCURRENCY} reviewers at once | ${THROUGHPUT.toLocaleString("en")} | ${(THROUGHPUT / seconds).toFixed(0)} | ${fmt(c.p50)} | ${fmt(c.p95)} |`,
      );
      console.log(sections.slice(-3).join("\n"), `\n(outbox rows written: ${outbox})`);
    } finally {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const section = [
    `## bench:review (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Machine: ${machine()}. Generated published records (one revision each, five-paragraph full text, one collection). Each approval is the whole transaction the review page triggers: claim the request (version check), lock the record, rebase if it moved, insert the revision with its collections, move the published pointer, write two audit events and a search-outbox row. Measured in process, without HTTP.`,
    "",
    "| records | run | approvals | approvals/s | p50 ms | p95 ms |",
    "|---|---|---|---|---|---|",
    ...sections,
    "",
  ].join("\n");
  await writeSection("bench:review", section);
  console.log("\nWrote docs/benchmarks.md");
}

await main();
process.exit(0);
