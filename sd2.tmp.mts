import { mkdtemp } from "node:fs/promises";
import os from "node:os"; import path from "node:path";
import { startEmbeddedDb, freePort } from "./scripts/lib/embedded-db";
import { prepareDatabase } from "./scripts/lib/prepare-database";
const dataDir = await mkdtemp(path.join(os.tmpdir(), "sd-"));
const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "x", persistent: false });
await prepareDatabase(cluster.url, { demo: false, quiet: true });
process.env.DATABASE_URL = cluster.url;
const { db } = await import("./server/db");
const { PostgresSearchEngine } = await import("./server/search/postgres-engine");
const engine = new PostgresSearchEngine(db);
const P = "The embassy reports a conversation on trade, the exchange of specialists and the deliveries agreed for the coming year; figures follow in the annex.";
let next = 1;
const docs = (n: number) => Array.from({ length: n }, () => { const i = next++; return {
  id: i, revisionId: i, title: `Telegram number ${i} on foreign trade`, summary: `Report ${i}: ${P}`, fullText: `${P}\n\n${P} Item ${i}.\n\n${P}`,
  dateText: "1957", dateEarliest: `19${50 + (i % 40)}-0${1 + (i % 9)}-01`, dateLatest: `19${50 + (i % 40)}-0${1 + (i % 9)}-28`, years: [1950 + (i % 40)], decade: 1950,
  documentType: "telegram", language: "ru", collections: [{ id: 1 + (i % 20), slug: "c", title: "C" }],
  entities: [{ id: 1 + (i * 7) % 3000, type: "person", role: "mentioned", name: `Kim Petrov ${i % 3000}`, variants: [] }, { id: 1 + (i * 13) % 3000, type: "person", role: "mentioned", name: `Ivan Il ${i % 300}`, variants: [] }, { id: 3001 + (i % 15), type: "place", role: "mentioned", name: "Pyongyang", variants: [] }, { id: 3100 + (i % 8), type: "subject", role: "mentioned", name: "Industry", variants: [] }],
}; });
for (let b = 0; b < 30; b++) await engine.upsert(docs(200) as never);
const cols = "record_id, revision_id, title, names, summary, body, date_text, date_earliest, date_latest, decade, document_type, language, collection_ids, entity_ids, person_ids, organization_ids, place_ids, subject_ids, document, indexed_at";
await db.$executeRawUnsafe(`CREATE TABLE src AS SELECT ${cols} FROM search_documents`);
async function time(label: string, table: string) {
  await db.$executeRawUnsafe(`TRUNCATE ${table}`);
  await db.$executeRawUnsafe(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM src WHERE record_id <= 1000`); // warm
  const t = performance.now();
  await db.$executeRawUnsafe(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM src WHERE record_id > 1000`);
  console.log(label.padEnd(40), ((performance.now() - t) / 5000).toFixed(3), "ms/doc");
}
const mk = async (name: string, alter: string) => {
  await db.$executeRawUnsafe(`CREATE TABLE ${name} (LIKE search_documents INCLUDING GENERATED INCLUDING STORAGE INCLUDING DEFAULTS)`);
  await db.$executeRawUnsafe(`ALTER TABLE ${name} SET (toast_tuple_target = 128)`);
  if (alter) await db.$executeRawUnsafe(`ALTER TABLE ${name} ${alter}`);
  await time(name, name);
};
await mk("g_all", "");
await mk("g_all2", "");
await mk("g_no_tsv", "DROP COLUMN tsv");
await mk("g_no_head", "DROP COLUMN head_tsv");
await mk("g_no_match_keys", "DROP COLUMN match_keys");
await mk("g_no_facet_keys", "DROP COLUMN facet_keys");
await mk("g_nofold", `DROP COLUMN tsv, DROP COLUMN head_tsv,
  ADD COLUMN tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', names), 'A') || setweight(to_tsvector('simple', summary), 'B') || setweight(to_tsvector('simple', body), 'C')) STORED,
  ADD COLUMN head_tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', names), 'B')) STORED`);
const same = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM g_all a JOIN g_nofold b USING (record_id) WHERE a.tsv = b.tsv AND a.head_tsv = b.head_tsv`);
console.log("identical tsv rows", same[0]!.n);
await db.$disconnect(); await cluster.stop();
