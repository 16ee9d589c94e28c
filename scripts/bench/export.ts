// npm run bench:export -- [--records 500000] [--entities 500000] [--keep DIR] [--exports-only]
// Getting records out at archive scale, on a generated archive of published records (each with
// a revision, three mentions and a collection) in a throw-away embedded PostgreSQL:
// - the full JSON Lines and CSV exports as the admin route streams them (records/s, peak memory
//   of the exporting process);
// - a full OAI-PMH harvest (ListRecords, oai_dc, every resumption token) over HTTP from the
//   production build (records/s, the server's peak memory);
// - every sitemap (records + entities: 1,000,000 URLs at the defaults) over HTTP (time).
// Results go to docs/benchmarks.md.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { run, waitForExit } from "../lib/processes";
import { ensureProductionBuild, machine, writeSection } from "./report";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "500000" },
    entities: { type: "string", default: "500000" },
    keep: { type: "string" },
    /** Only the exports (no harvest, no sitemaps), and nothing written to docs/benchmarks.md. */
    "exports-only": { type: "boolean", default: false },
  },
});
const RECORDS = Number(values.records);
/** The exporting process's V8 heap: small, so that an export that did not stream would fail. */
const EXPORT_HEAP_MB = 96;
/** The server's V8 heap during the harvest and the sitemaps. */
const SERVER_HEAP_MB = 192;
const ENTITIES = Number(values.entities);

async function generate(client: pg.Client) {
  const started = Date.now();
  await client.query(`INSERT INTO collections (slug, title, updated_at) SELECT 'collection-' || g, 'Collection ' || g, now() FROM generate_series(1, 40) g`);
  await client.query(`INSERT INTO entities (type, updated_at) SELECT (ARRAY['person','person','place','organization','subject'])[1 + g % 5]::"EntityType", now() FROM generate_series(1, ${ENTITIES}) g`);
  await client.query(`INSERT INTO entity_names (entity_id, name, normalized, is_preferred, updated_at)
    SELECT id, 'Name ' || md5(id::text), 'name ' || md5(id::text), true, now() FROM entities`);
  await client.query(`INSERT INTO records (status, version, updated_at) SELECT 'draft', 1, now() FROM generate_series(1, ${RECORDS})`);
  await client.query(`
    INSERT INTO record_revisions (record_id, number, title, date_text, date_edtf, date_earliest, date_latest, date_precision, summary, full_text,
      original_language, document_type, source_archive, source_locator, credits)
    SELECT r.id, 1, 'Telegram ' || r.id || ' on ' || md5(r.id::text), to_char(d, 'YYYY-MM-DD'), to_char(d, 'YYYY-MM-DD'), d, d, 'day',
      'A generated summary of document ' || r.id || ': ' || repeat(md5(r.id::text) || ' ', 6),
      repeat('A paragraph of the generated full text of document ' || r.id || '. ', 12),
      (ARRAY['ru','ko','zh','en','hu'])[1 + r.id % 5], (ARRAY['telegram','memorandum','letter','report','minutes']::"DocumentType"[])[1 + r.id % 5],
      'Archive ' || (r.id % 30), 'Fond ' || (r.id % 300) || ', Opis ' || (r.id % 17) || ', Delo ' || r.id,
      CASE WHEN r.id % 3 = 0 THEN '[{"role": "translated_by", "name": "A Translator"}]'::jsonb ELSE '[]'::jsonb END
    FROM records r, LATERAL (SELECT make_date(1945 + r.id % 50, 1 + r.id % 12, 1 + r.id % 28) AS d) x`);
  await client.query(`
    INSERT INTO mentions (revision_id, entity_id, role)
    SELECT v.id, 1 + ((v.id::bigint * 7919 + k * 104729) % ${ENTITIES})::int, (ARRAY['author','recipient','mentioned']::"MentionRole"[])[k]
    FROM record_revisions v, generate_series(1, 3) k ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO revision_collections (revision_id, collection_id) SELECT id, 1 + id % 40 FROM record_revisions`);
  // Published: the trigger stamps each record's datestamp, as a real publication would.
  await client.query(`UPDATE records r SET published_revision_id = v.id, status = 'published', published_at = now(), sort_date = v.date_earliest
    FROM record_revisions v WHERE v.record_id = r.id`);
  await client.query("VACUUM ANALYZE");
  return Date.now() - started;
}

const agent = new http.Agent({ keepAlive: true });
function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`${url}: ${response.statusCode}`))));
      response.on("error", reject);
    }).on("error", reject);
  });
}

const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");

async function main() {
  await ensureProductionBuild();
  const kept = values.keep ? path.resolve(values.keep) : null;
  const dataDir = kept ?? (await mkdtemp(path.join(os.tmpdir(), "dossier-bench-export-")));
  const db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: !!kept });
  const rows: string[] = [];
  try {
    await applyMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    client.on("error", () => undefined);
    await client.connect();
    const existing = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM records WHERE status = 'published'")).rows[0]!.n);
    if (existing === 0) {
      console.log(`Generating ${RECORDS.toLocaleString("en")} records and ${ENTITIES.toLocaleString("en")} entities…`);
      console.log(`  generated in ${((await generate(client)) / 1000).toFixed(0)} s`);
    } else console.log(`Reusing the ${existing.toLocaleString("en")}-record archive in ${dataDir}`);
    const records = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM records WHERE status = 'published'")).rows[0]!.n);

    for (const format of ["jsonl", "csv"] as const) {
      const child = run("node", [`--max-old-space-size=${EXPORT_HEAP_MB}`, "--import", "tsx", "scripts/bench/export-run.ts", format], { env: { ...process.env, DATABASE_URL: db.url }, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout!.on("data", (c: Buffer) => (out += c));
      if ((await waitForExit(child)) !== 0) throw new Error(`export ${format} failed`);
      const result = JSON.parse(out.trim().split("\n").at(-1)!) as { bytes: number; ms: number; peakMb: number; cpuMs: number };
      console.log(`  ${format}: the exporting process used ${(result.cpuMs / 1000).toFixed(1)} s of CPU in ${(result.ms / 1000).toFixed(1)} s`);
      rows.push(`| export, ${format === "jsonl" ? "JSON Lines" : "CSV"} | ${records.toLocaleString("en")} records, ${(result.bytes / 2 ** 20).toFixed(0)} MB | ${(result.ms / 1000).toFixed(1)} s | **${rate(records, result.ms)} records/s** | ${result.peakMb.toFixed(0)} MB (exporting process, ${EXPORT_HEAP_MB} MB heap) |`);
      console.log(rows.at(-1));
    }

    if (values["exports-only"]) return;
    const port = await freePort();
    const app = run("node", ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
      // A small V8 heap here too: a harvest or sitemap that held the archive could not finish.
      env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: `--max-old-space-size=${SERVER_HEAP_MB}`, DATABASE_URL: db.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1", APP_URL: `http://127.0.0.1:${port}` },
      stdio: "ignore",
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    try {
      await get(`${base}/oai?verb=Identify`);
      let harvested = 0;
      let pages = 0;
      const harvestStart = performance.now();
      for (let url = `${base}/oai?verb=ListRecords&metadataPrefix=oai_dc`; ; pages++) {
        const xml = await get(url);
        harvested += xml.split("<record>").length - 1;
        const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
        if (!token) break;
        url = `${base}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
      }
      const harvestMs = performance.now() - harvestStart;
      if (harvested !== records) throw new Error(`harvested ${harvested} records of ${records}`);
      rows.push(`| OAI-PMH harvest, ListRecords oai_dc over HTTP | ${records.toLocaleString("en")} records, ${(pages + 1).toLocaleString("en")} pages | ${(harvestMs / 1000).toFixed(1)} s | **${rate(harvested, harvestMs)} records/s** | ${peakMb(app.pid!).toFixed(0)} MB (server, ${SERVER_HEAP_MB} MB heap) |`);
      console.log(rows.at(-1));

      const sitemapStart = performance.now();
      const index = await get(`${base}/sitemap.xml`);
      let urls = 0;
      const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      for (const map of maps) urls += (await get(map)).split("<url>").length - 1;
      const sitemapMs = performance.now() - sitemapStart;
      rows.push(`| sitemaps over HTTP (index + ${maps.length} sitemaps) | ${urls.toLocaleString("en")} URLs | ${(sitemapMs / 1000).toFixed(1)} s | ${rate(urls, sitemapMs)} URLs/s | ${peakMb(app.pid!).toFixed(0)} MB (server, ${SERVER_HEAP_MB} MB heap) |`);
      console.log(rows.at(-1));
    } finally {
      app.kill("SIGTERM");
      await waitForExit(app);
      await client.end();
    }
  } finally {
    await db.stop();
    if (!kept) await rm(dataDir, { recursive: true, force: true });
  }
  if (values["exports-only"]) return;
  await writeSection(
    "bench:export",
    [
      `## bench:export (${new Date().toISOString().slice(0, 10)})`,
      "",
      `Machine: ${machine()}. Generated archive: ${RECORDS.toLocaleString("en")} published records (one revision each, ~1.2 KB of text, three mentions, one collection) and ${ENTITIES.toLocaleString("en")} entities. Exports run as the admin route streams them, in a process of their own (peak = its resident high-water mark); the harvest and the sitemaps over HTTP from the production build on the same machine.`,
      "",
      "| run | size | time | rate | peak memory |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      "Targets: export >= 10,000 records/s, harvest >= 2,000 records/s, memory flat; sitemaps of 1,000,000 URLs under 60 s.",
      "",
    ].join("\n"),
  );
}

await main();
process.exit(0);
