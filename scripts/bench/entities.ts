// npm run bench:entities — the record editor's entity picker (p50/p95 with 100k entity names)
// and an entity page's data (p95 for an entity mentioned by 5,000 published records). Calls the
// same domain functions as the tRPC procedures (in process, no HTTP) against a throw-away
// embedded PostgreSQL filled with generated names and records.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { prepareDatabase } from "../lib/prepare-database";
import { machine, quantiles, writeSection } from "./report";

const NAMES = 100_000;
const ENTITY_RECORDS = 5_000;
const PICKS = 2_000;
const PAGES = 300;

// Romanized-looking names from syllables, so prefixes and typos behave like real ones.
const SYLLABLES = ["choe", "yong", "geon", "kim", "il", "sung", "pak", "hon", "yong", "li", "sang", "cho", "chu", "jin", "mao", "ze", "dong", "zhou", "en", "lai", "puz", "anov", "shty", "kov", "grom", "yko", "hox", "ha", "ra", "nov", "ska", "vich", "ber", "ger", "man", "tan", "lin", "son", "hae", "ju"];
let seed = 7;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join("");
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

async function generate(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names: string[] = [];
  const entityOf: number[] = [];
  // About 40k entities with 2-3 names each (a preferred form and variants).
  let entity = 0;
  while (names.length < NAMES) {
    entity += 1;
    const base = [cap(word()), cap(word())];
    const variants = [base.join(" "), base.join("-"), `${base[0]} ${base[1]!.replace(/o/g, "eo")}`].slice(0, 2 + Math.floor(rand() * 2));
    for (const v of new Set(variants)) {
      names.push(v);
      entityOf.push(entity);
    }
  }
  await client.query(`INSERT INTO entities (type, updated_at) SELECT 'person', now() FROM generate_series(1, $1::int)`, [entity]);
  const { normalizeName } = await import("../../server/entities/names");
  await client.query(
    `INSERT INTO entity_names (entity_id, name, normalized, is_preferred, language, updated_at)
     SELECT e, n, f, row_number() OVER (PARTITION BY e ORDER BY i) = 1, 'en', now()
     FROM unnest($1::int[], $2::text[], $3::text[]) WITH ORDINALITY AS t(e, n, f, i)
     ON CONFLICT DO NOTHING`,
    [entityOf, names, names.map(normalizeName)],
  );
  // 5,000 published records mentioning entity 1 (and one other entity each).
  await client.query(
    `INSERT INTO records (status, sort_date, published_at, updated_at)
     SELECT 'published', date '1945-01-01' + (g * 3 % 9000), now(), now() FROM generate_series(1, $1::int) g`,
    [ENTITY_RECORDS],
  );
  await client.query(
    `INSERT INTO record_revisions (record_id, number, title, date_text, date_edtf, date_earliest, date_latest, date_precision, summary, original_language, document_type)
     SELECT id, 1, 'Record ' || id, '1957', '1957', date '1957-01-01', date '1957-12-31', 'year', 'Summary ' || id, 'ru', 'memorandum' FROM records`,
  );
  await client.query(`UPDATE records r SET published_revision_id = v.id FROM record_revisions v WHERE v.record_id = r.id`);
  await client.query(`INSERT INTO mentions (revision_id, entity_id, role) SELECT id, 1, 'mentioned' FROM record_revisions`);
  await client.query(`INSERT INTO mentions (revision_id, entity_id, role) SELECT id, 2 + id % 1000, 'mentioned' FROM record_revisions`);
  await client.query("ANALYZE");
  await client.end();
  return names;
}

/** What editors type: prefixes of 2-8 letters, whole names, a word in the middle, typos, other case. */
function queries(names: string[]) {
  const out: { kind: string; q: string }[] = [];
  for (let i = 0; i < PICKS; i++) {
    const name = pick(names);
    const k = i % 5;
    if (k === 0) out.push({ kind: "prefix (2-3 letters)", q: name.slice(0, 2 + (i % 2)) });
    else if (k === 1) out.push({ kind: "prefix (4-8 letters)", q: name.slice(0, 4 + (i % 5)) });
    else if (k === 2) out.push({ kind: "whole name, lower case", q: name.toLowerCase() });
    else if (k === 3) out.push({ kind: "second word", q: name.split(/[ -]/)[1] ?? name });
    else {
      const at = 1 + Math.floor(rand() * (name.length - 2));
      out.push({ kind: "typo", q: name.slice(0, at) + name.slice(at + 1) });
    }
  }
  return out;
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-entities-"));
  const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
  try {
    await prepareDatabase(cluster.url, { demo: false, quiet: true });
    process.env.DATABASE_URL = cluster.url;
    const names = await generate(cluster.url);
    const { createDbClient } = await import("../../server/db");
    const db = createDbClient(cluster.url);
    const { matchEntityNames } = await import("../../server/entities/picker");
    const { getEntity } = await import("../../server/entities/queries");
    const { pagePublishedRecords } = await import("../../server/records/queries");
    const nameCount = await db.entityName.count();

    const mix = queries(names);
    for (const { q } of mix.slice(0, 100)) await matchEntityNames(db, q); // warm up
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    let found = 0;
    for (const { kind, q } of mix) {
      const started = performance.now();
      const result = await matchEntityNames(db, q, { limit: 8 });
      const ms = performance.now() - started;
      if (result.length) found += 1;
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }

    const page: number[] = [];
    for (let i = 0; i < PAGES; i++) {
      const started = performance.now();
      await Promise.all([
        getEntity(db, 1),
        pagePublishedRecords(db, { entityId: 1 }, { sort: i % 2 ? "asc" : "desc", page: 1 + (i % 250), pageSize: 20 }),
      ]);
      page.push(performance.now() - started);
    }
    await db.$disconnect();

    const fmt = (n: number) => n.toFixed(1);
    const a = quantiles(all);
    const p = quantiles(page);
    const section = [
      `## bench:entities (${new Date().toISOString().slice(0, 10)})`,
      "",
      `Machine: ${machine()}. ${nameCount.toLocaleString("en")} generated entity names (about 2.5 per entity); ${PICKS.toLocaleString("en")} picker queries, ${((found / PICKS) * 100).toFixed(0)}% with at least one match; in process (the tRPC procedure's domain function, no HTTP).`,
      "",
      "| picker query | n | p50 ms | p95 ms |",
      "|---|---|---|---|",
      `| all | ${all.length} | ${fmt(a.p50)} | ${fmt(a.p95)} |`,
      ...[...byKind].map(([kind, s]) => `| ${kind} | ${s.length} | ${fmt(quantiles(s).p50)} | ${fmt(quantiles(s).p95)} |`),
      "",
      `Entity page data (the entity with its names and identifiers, and one page of 20 of its ${ENTITY_RECORDS.toLocaleString("en")} records by date, pages 1-250, both orders): p50 ${fmt(p.p50)} ms, p95 ${fmt(p.p95)} ms over ${PAGES} loads.`,
      "",
      "Targets: picker p95 under 50 ms at 100k names. The generated names are built from 40 syllables, so they share trigrams far more than real names do: the typo tier (trigram word similarity) is measured here at its worst.",
      "",
    ].join("\n");
    console.log(section);
    await writeSection("bench:entities", section);
  } finally {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
