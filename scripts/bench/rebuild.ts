// npm run bench:rebuild -- [--size 500000] [--keep DIR]
// Generates a synthetic archive of published records the way the app stores them (records,
// revisions with summaries and full text, 3-8 mentions of entities with variant names, a
// collection each) in an embedded PostgreSQL, then times the full search index rebuild
// (`npm run search:rebuild`: read every published revision, build its search document, write
// the index, sweep, reconcile) with the PostgreSQL engine. Results go to docs/benchmarks.md.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { machine, writeSection } from "./report";
import { VOCABULARY } from "./vocabulary";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "500000" },
    /** Keep the generated archive in <dir>/records-<size> and reuse it next time. */
    keep: { type: "string" },
  },
});
const SIZE = Number(values.size);

async function generate(client: pg.Client, size: number) {
  const entities = 20_000;
  await client.query(`INSERT INTO collections (slug, title, updated_at) SELECT 'c' || g, 'Collection ' || g, now() FROM generate_series(1, 40) g`);
  await client.query(`
    INSERT INTO entities (type, updated_at)
    SELECT (ARRAY['person','person','person','place','organization','subject'])[1 + g % 6]::"EntityType", now() FROM generate_series(1, ${entities}) g`);
  // A preferred name and two variants (another romanization, a hyphenated form) per entity.
  await client.query(`
    WITH base AS (
      SELECT e.id, initcap(($1::text[])[1 + (e.id * 7) % 5000]) || ' ' || initcap(($1::text[])[1 + (e.id * 13) % 5000]) AS name FROM entities e
    )
    INSERT INTO entity_names (entity_id, name, normalized, is_preferred, updated_at)
    SELECT id, n, lower(n), p, now() FROM base,
      LATERAL (VALUES (name, true), (replace(replace(name, 'o', 'ŏ'), 'u', 'oo'), false), (replace(replace(name, 'k', 'g'), ' ', '-'), false)) AS v(n, p)
    ON CONFLICT DO NOTHING`, [VOCABULARY]);
  const words = (n: string) => `(SELECT string_agg(($1::text[])[1 + floor(5000 * power(random(), 3))::int], ' ') FROM generate_series(1, ${n}))`;
  await client.query(`INSERT INTO records (id, status, version, created_at, updated_at) SELECT g, 'published', 1, now(), now() FROM generate_series(1, ${size}) g`);
  await client.query(`
    INSERT INTO record_revisions (id, record_id, number, title, date_text, date_edtf, date_earliest, date_latest, date_precision,
      summary, full_text, original_language, document_type, created_at)
    SELECT g, g, 1, initcap(${words("6 + g % 5")}), to_char(d, 'YYYY-MM-DD'), to_char(d, 'YYYY-MM-DD'), d, d, 'day',
      ${words("35 + g % 15")}, ${words("150 + g % 100")},
      (ARRAY['ru','ko','zh','en','hu','cs','sq'])[1 + (g / 7) % 7], (ARRAY['telegram','memorandum','journal_entry','letter','report','minutes','conversation'])[1 + g % 7]::"DocumentType", now()
    FROM generate_series(1, ${size}) g, LATERAL (SELECT make_date(1945 + ((g::bigint * 7919) % 50)::int, 1 + (g % 12), 1 + (g % 28)) AS d) x`, [VOCABULARY]);
  await client.query(`UPDATE records SET published_revision_id = id, sort_date = (SELECT date_earliest FROM record_revisions r WHERE r.id = records.id), published_at = now()`);
  await client.query(`
    INSERT INTO mentions (revision_id, entity_id, role, created_at)
    SELECT DISTINCT g, 1 + ((g::bigint * 2654435761 + k * 40503) % ${entities})::int, 'mentioned'::"MentionRole", now()
    FROM generate_series(1, ${size}) g, generate_series(1, 3 + g % 6) k`);
  await client.query(`INSERT INTO revision_collections (revision_id, collection_id, created_at) SELECT g, 1 + g % 40, now() FROM generate_series(1, ${size}) g`);
  for (const table of ["records", "record_revisions", "entities"]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  await client.query("ANALYZE");
}

async function main() {
  const kept = values.keep ? path.resolve(values.keep, `records-${SIZE}`) : null;
  const dataDir = kept ?? (await mkdtemp(path.join(os.tmpdir(), "dossier-bench-rebuild-")));
  const db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: !!kept, settings: { shared_buffers: "2GB", maintenance_work_mem: "512MB" } });
  try {
    await applyMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    client.on("error", () => undefined);
    await client.connect();
    const existing = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM records")).rows[0]!.n);
    let genMs = 0;
    if (existing !== SIZE) {
      if (existing > 0) throw new Error(`${dataDir} holds ${existing} records, not ${SIZE}: remove it first`);
      console.log(`Generating ${SIZE.toLocaleString()} published records…`);
      const started = Date.now();
      await generate(client, SIZE);
      genMs = Date.now() - started;
      console.log(`  generated in ${(genMs / 1000).toFixed(0)} s`);
    }
    await client.query("TRUNCATE search_documents, search_lexicon");
    await client.end();

    // Server modules read DATABASE_URL when first imported.
    process.env.DATABASE_URL = db.url;
    const { db: prisma } = await import("../../server/db");
    const { PostgresSearchEngine } = await import("../../server/search/postgres-engine");
    const { rebuildSearchIndex } = await import("../../server/search/rebuild");
    let last = 0;
    const result = await rebuildSearchIndex(prisma, new PostgresSearchEngine(prisma), {
      onProgress: (indexed, total) => {
        if (indexed === total || Date.now() - last > 5000) {
          last = Date.now();
          console.log(`  indexed ${indexed.toLocaleString()} of ${total.toLocaleString()}`);
        }
      },
    });
    const perSecond = Math.round(result.indexed / (result.ms / 1000));
    const drift = result.driftAfter.missing.length + result.driftAfter.stale.length + result.driftAfter.extra.length;
    console.log(`Rebuilt ${result.indexed.toLocaleString()} records in ${(result.ms / 1000).toFixed(0)} s (${perSecond}/s); drift after: ${drift}`);
    await writeSection(
      "bench:rebuild",
      [
        `## bench:rebuild (${new Date().toISOString().slice(0, 10)})`,
        "",
        `Machine: ${machine()}. Full rebuild of the PostgreSQL search index (\`npm run search:rebuild\`: read every published revision with its mentions, names and collections, build and validate its search document, write the index in batches of 500 with the lexicon, sweep, reconcile) from ${SIZE.toLocaleString()} published records (summaries ~40 words, full texts ~200 words, 3-8 entities with 3 names each).`,
        "",
        "| records | rebuild | records/s | drift after |",
        "|---|---|---|---|",
        `| ${result.indexed.toLocaleString()} | ${(result.ms / 60000).toFixed(1)} min | ${perSecond} | ${drift} |`,
        "",
      ].join("\n"),
    );
    await prisma.$disconnect();
  } finally {
    await db.stop();
    if (!kept) await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
