// npm run bench:search -- [--sizes 100000,500000] [--requests 200] [--keep <dir>] [--huge-pages] [--cpu-only]
// Generates a synthetic archive (Zipf-distributed vocabulary, entities with variant names,
// imprecise date ranges) in a throw-away embedded PostgreSQL, serves the production build, and
// measures the public search endpoint over HTTP: p50/p95/p99 at concurrency 1 and 4 for a mix
// of rare, medium and common words, two-word queries, phrases, prefixes, typos and variant
// names, with and without facet filters, and the app's and PostgreSQL's CPU per search of each
// kind (--cpu-only: that table alone, printed). Also measures a naive baseline (plain ts_rank over
// every match, no cap) on the same database. Results go to docs/benchmarks.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { run, waitForExit } from "../lib/processes";
import { normalizeName } from "../../server/entities/names";
import { indexForms, tokenize } from "../../server/search/query/tokenize";
import { indexDeletionKeys } from "../../server/search/query/typos";
import { HEAD_TSV_OF_V, TSV_OF_V } from "../../server/search/postgres/vectors";
import { ensureProductionBuild, machine, quantiles, timedGet } from "./report";
import { pick, rand, VOCABULARY, word } from "./vocabulary";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100000" },
    requests: { type: "string", default: "200" },
    /** Keep each generated archive in <dir>/<size> and reuse it next time (500k takes ~12 min to generate). */
    keep: { type: "string" },
    /** Searches per kind for the CPU-per-search table. */
    "cpu-requests": { type: "string", default: "40" },
    /** Only the CPU-per-search table, printed, nothing written (for trying a change). */
    "cpu-only": { type: "boolean", default: false },
    /**
     * Serve PostgreSQL's shared buffers from huge pages (2 MB), as PostgreSQL's documentation
     * advises for large shared_buffers on Linux: reserves them for the run (vm.nr_hugepages,
     * needs root) and gives the previous reservation back at the end.
     */
    "huge-pages": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes!.split(",").map(Number);
const REQUESTS = Number(values.requests);




export async function generate(client: pg.Client, size: number) {
  const started = Date.now();
  await client.query(`INSERT INTO collections (slug, title, updated_at) SELECT 'c' || g, 'Collection ' || g, now() FROM generate_series(1, 40) g`);
  // 20,000 entities, each with a preferred name and two variants.
  const entities = 20_000;
  const types = ["person", "person", "person", "place", "organization", "subject"];
  for (let start = 0; start < entities; start += 2000) {
    const rows = Array.from({ length: 2000 }, () => [pick(types), `${word()} ${word()}`]);
    const ids = await client.query<{ id: number }>(
      `INSERT INTO entities (type, updated_at) SELECT t::"EntityType", now() FROM unnest($1::text[]) t RETURNING id`,
      [rows.map((r) => r[0])],
    );
    const names: string[][] = [];
    ids.rows.forEach((row, i) => {
      const base = rows[i]![1]!;
      names.push([String(row.id), base, "true"], [String(row.id), base.replace(/o/g, "ŏ").replace(/u/g, "oo"), "false"], [String(row.id), base.replace(/k/g, "g").replace(/ /g, "-"), "false"]);
    });
    // Each name also as the engine's upsert stores it in the names column (the shared tokenizer's
    // folded words: "Kŏm-soo" -> "kom soo komsoo"), in a table the documents below read.
    await client.query(
      `INSERT INTO entity_names (entity_id, name, normalized, is_preferred, updated_at)
       SELECT e::int, n, f, p::boolean, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(e, n, p, f)
       ON CONFLICT DO NOTHING`,
      [names.map((n) => n[0]), names.map((n) => n[1]), names.map((n) => n[2]), names.map((n) => normalizeName(n[1]!))],
    );
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS name_tokens (entity_id int, tokens text)`);
    await client.query(`INSERT INTO name_tokens SELECT e::int, t FROM unnest($1::text[], $2::text[]) AS x(e, t)`, [
      names.map((n) => n[0]),
      names.map((n) => tokenize(n[1]!).flatMap(indexForms).join(" ")),
    ]);
  }
  await client.query(`CREATE INDEX ON name_tokens (entity_id)`);
  await client.query(`ANALYZE name_tokens`);
  // Documents: words drawn with a Zipf-like skew (rank = 5000 * r^3), 3-8 entities each.
  await client.query(`
    CREATE TEMP TABLE gen AS
    SELECT g AS id,
      (SELECT array_agg(1 + floor(random() * ${entities})::int) FROM generate_series(1, 3 + (g % 6))) AS entity_ids,
      make_date(1945 + ((g::bigint * 7919) % 50)::int, 1 + (g % 12), 1 + (g % 28)) AS d,
      (g % 4) AS precision
    FROM generate_series(1, ${size}) g`);
  await client.query(`
    INSERT INTO search_documents (record_id, revision_id, title, names, summary, body, date_text, date_earliest, date_latest,
      decade, document_type, language, collection_ids, entity_ids, person_ids, organization_ids, place_ids, subject_ids, document, facet_keys, tsv, head_tsv)
    -- The facet keys and vectors as the engine writes them (dossier_facet_keys_dated and the
    -- vectors' SQL expressions: the same values, tested).
    SELECT v.*, dossier_facet_keys_dated(v.collection_ids, v.entity_ids, v.decade, v.language, v.document_type, v.date_earliest, v.date_latest),
      ${TSV_OF_V.text}, ${HEAD_TSV_OF_V.text}
    FROM (SELECT gen.id AS record_id, gen.id AS revision_id,
      initcap(w.title), n.names, w.summary, w.body, to_char(gen.d, 'YYYY-MM-DD'), gen.d AS date_earliest,
      CASE gen.precision WHEN 0 THEN gen.d WHEN 1 THEN (date_trunc('month', gen.d) + interval '1 month - 1 day')::date
        WHEN 2 THEN make_date(extract(year from gen.d)::int, 12, 31) ELSE gen.d + 60 END AS date_latest,
      (extract(year from gen.d)::int / 10) * 10 AS decade,
      (ARRAY['telegram','memorandum','journal_entry','letter','report','minutes','conversation'])[1 + gen.id % 7] AS document_type,
      (ARRAY['ru','ko','zh','en','hu','cs','sq'])[1 + (gen.id / 7) % 7] AS language,
      ARRAY[1 + gen.id % 40] AS collection_ids, gen.entity_ids,
      ARRAY(SELECT e.id FROM entities e WHERE e.id = ANY(gen.entity_ids) AND e.type = 'person'),
      ARRAY(SELECT e.id FROM entities e WHERE e.id = ANY(gen.entity_ids) AND e.type = 'organization'),
      ARRAY(SELECT e.id FROM entities e WHERE e.id = ANY(gen.entity_ids) AND e.type = 'place'),
      ARRAY(SELECT e.id FROM entities e WHERE e.id = ANY(gen.entity_ids) AND e.type = 'subject'),
      jsonb_build_object('id', gen.id, 'revisionId', gen.id, 'title', initcap(w.title), 'summary', w.summary, 'fullText', '',
        'dateText', to_char(gen.d, 'YYYY-MM-DD'), 'dateEarliest', to_char(gen.d, 'YYYY-MM-DD'), 'dateLatest', to_char(gen.d, 'YYYY-MM-DD'),
        'years', jsonb_build_array(extract(year from gen.d)::int), 'decade', (extract(year from gen.d)::int / 10) * 10,
        'documentType', 'telegram', 'language', 'ru', 'collections', '[]'::jsonb, 'entities', n.entities)
    FROM gen
    CROSS JOIN LATERAL (
      SELECT
        (SELECT string_agg(($1::text[])[1 + floor(5000 * power(random(), 3))::int], ' ') FROM generate_series(1, 6 + gen.id % 5)) AS title,
        (SELECT string_agg(($1::text[])[1 + floor(5000 * power(random(), 3))::int], ' ') FROM generate_series(1, 35 + gen.id % 15)) AS summary,
        (SELECT string_agg(($1::text[])[1 + floor(5000 * power(random(), 3))::int], ' ') FROM generate_series(1, 80 + gen.id % 2)) AS body
    ) w
    CROSS JOIN LATERAL (
      SELECT (SELECT string_agg(t.tokens, E'\\n') FROM name_tokens t WHERE t.entity_id = ANY(gen.entity_ids)) AS names,
        coalesce(jsonb_agg(DISTINCT jsonb_build_object('id', en.entity_id, 'type', 'person', 'role', 'mentioned', 'name', en.name, 'variants', '[]'::jsonb)) FILTER (WHERE en.is_preferred), '[]') AS entities
      FROM entity_names en WHERE en.entity_id = ANY(gen.entity_ids)
    ) n
    ORDER BY hashint4(gen.id)) v`, [VOCABULARY]); // shuffled table order, as the rebuild writes it
  // The lexicon and its deletion neighbourhood, as the engine's upsert writes them (server/search/postgres/lexicon.ts).
  const added = await client.query<{ id: number; word: string }>(
    `INSERT INTO search_lexicon (word) SELECT word FROM ts_stat('SELECT tsv FROM search_documents') WHERE length(word) <= 40 ON CONFLICT DO NOTHING RETURNING id, word`,
  );
  const keys: number[] = [];
  const ids: number[] = [];
  for (const { id, word: w } of added.rows) {
    for (const key of indexDeletionKeys(w)) {
      keys.push(key);
      ids.push(id);
    }
  }
  await client.query(`INSERT INTO search_lexicon_deletions (key, word_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`, [keys, ids]);
  await client.query("ANALYZE");
  return Date.now() - started;
}

export function queryMix(variants: string[]) {
  const common = VOCABULARY.slice(0, 20);
  const medium = VOCABULARY.slice(200, 400);
  const rare = VOCABULARY.slice(3000, 5000);
  const typo = (w: string) => (w.length > 5 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w + "x");
  const plain: [string, () => Record<string, unknown>][] = [
    ["browse (no query)", () => ({ q: "" })],
    ["rare word", () => ({ q: pick(rare) })],
    ["medium word", () => ({ q: pick(medium) })],
    ["common word", () => ({ q: pick(common) })],
    ["two words", () => ({ q: `${pick(medium)} ${pick(common)}` })],
    ["phrase", () => ({ q: `"${pick(medium)} ${pick(medium)}"` })],
    ["prefix", () => ({ q: pick(medium).slice(0, 4) })],
    ["typo", () => ({ q: typo(pick(medium)) })],
    ["variant name", () => ({ q: pick(variants) })],
    // What readers type: a date in the query, a word no record has (relaxation), a typo beside a real word.
    ["word + year", () => ({ q: `${pick(medium)} ${1945 + Math.floor(rand() * 50)}` })],
    ["word + month and year", () => ({ q: `${pick(medium)} July ${1945 + Math.floor(rand() * 50)}` })],
    ["two words + unknown word", () => ({ q: `${pick(medium)} ${pick(common)} qzxv${Math.floor(rand() * 1000)}` })],
    ["typo + word", () => ({ q: `${typo(pick(medium))} ${pick(common)}` })],
  ];
  const filtered = plain.map(([name, make]) => [`${name} + facets`, () => ({ ...make(), filters: { collection: [1 + Math.floor(rand() * 40)], decade: [1950] } })] as [string, () => Record<string, unknown>]);
  return [...plain, ...filtered];
}

async function measure(url: string, mix: ReturnType<typeof queryMix>, concurrency: number) {
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  let next = 0;
  async function worker() {
    while (next < REQUESTS) {
      const i = next++;
      const [kind, make] = mix[i % mix.length]!;
      const input = encodeURIComponent(JSON.stringify({ json: make() }));
      const { status, ms } = await timedGet(`${url}/api/trpc/search.query?input=${input}`);
      if (status !== 200) throw new Error(`search answered ${status}`);
      samples.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { all: quantiles(samples), byKind: [...byKind].map(([k, s]) => ({ kind: k, ...quantiles(s) })) };
}

/** CPU time (user + system, ms) used so far by each process of `roots` with all its descendants, from one reading of /proc. */
function treeCpuMs(roots: number[]): number[] {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after "pid (comm) "
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch {
      // the process ended while /proc was read
    }
  }
  const rootOf = (pid: number) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (roots.includes(p)) return p;
    return undefined;
  };
  const totals = roots.map(() => 0);
  for (const [pid, t] of ticks) {
    const root = rootOf(pid);
    if (root !== undefined) totals[roots.indexOf(root)]! += t;
  }
  return totals.map((total) => (total * 1000) / CLOCK_TICKS);
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/**
 * CPU per search, by kind, sequentially: the app server's and PostgreSQL's own CPU time (all its
 * backends) divided by the number of searches. Unlike latency at concurrency 4 this hardly depends
 * on what else the host is doing, so runs on different hours and hosts compare.
 */
async function cpuPerSearch(url: string, mix: ReturnType<typeof queryMix>, appPid: number, postmasterPid: number, perKind: number) {
  const rows: { kind: string; app: number; db: number; ms: number }[] = [];
  for (const [kind, make] of mix) {
    const [app0, db0] = treeCpuMs([appPid, postmasterPid]);
    const started = performance.now();
    for (let i = 0; i < perKind; i++) {
      const input = encodeURIComponent(JSON.stringify({ json: make() }));
      const { status } = await timedGet(`${url}/api/trpc/search.query?input=${input}`);
      if (status !== 200) throw new Error(`search answered ${status}`);
    }
    const ms = (performance.now() - started) / perKind;
    const [app1, db1] = treeCpuMs([appPid, postmasterPid]);
    rows.push({ kind, app: (app1! - app0!) / perKind, db: (db1! - db0!) / perKind, ms });
  }
  return rows;
}

async function naiveBaseline(client: pg.Client, mix: ReturnType<typeof queryMix>) {
  const samples: number[] = [];
  for (let i = 0; i < Math.min(REQUESTS, 100); i++) {
    const kinds = mix.slice(1, 9); // the plain (unfiltered) queries with words
    const q = String(kinds[i % kinds.length]![1]().q).replace(/[^\p{L}\p{N} ]/gu, " ").trim().split(/\s+/).join(" & ");
    if (!q) continue;
    const started = performance.now();
    await client.query(
      `SELECT record_id, ts_rank(tsv, to_tsquery('simple', $1)) AS r FROM search_documents WHERE tsv @@ to_tsquery('simple', $1) ORDER BY r DESC LIMIT 20`,
      [q],
    );
    await client.query(`SELECT count(*) FROM search_documents WHERE tsv @@ to_tsquery('simple', $1)`, [q]);
    samples.push(performance.now() - started);
  }
  return quantiles(samples);
}

const fmt = (n: number) => n.toFixed(1);

/** PostgreSQL settings for the benchmark database: a quarter of this machine's memory for buffers, as tuning guides advise, capped at 4 GB. */
const BENCH_SETTINGS = {
  shared_buffers: `${Math.min(4096, Math.floor(os.totalmem() / 4 / 1024 / 1024))}MB`,
  effective_cache_size: `${Math.floor((os.totalmem() * 0.6) / 1024 / 1024)}MB`,
  maintenance_work_mem: "512MB",
};

const HUGE_PAGES = "/proc/sys/vm/nr_hugepages";

/** Reserves enough 2 MB huge pages for the benchmark's shared buffers; returns how to give them back. */
async function reserveHugePages(): Promise<() => Promise<void>> {
  const before = (await readFile(HUGE_PAGES, "utf8")).trim();
  const wanted = Math.ceil((parseInt(BENCH_SETTINGS.shared_buffers, 10) * 1.08) / 2) + 64; // buffers plus PostgreSQL's other shared memory
  if (Number(before) >= wanted) return async () => undefined; // reserved beforehand: nothing to give back
  await writeFile(HUGE_PAGES, String(wanted)).catch((error: Error) => {
    throw new Error(`--huge-pages needs to write ${HUGE_PAGES} (as root, or reserve ${wanted} huge pages beforehand): ${error.message}`);
  });
  // Given back however the run ends (the pages are memory no other program can use).
  const giveBack = () => writeFileSync(HUGE_PAGES, before);
  process.once("exit", giveBack);
  const got = Number((await readFile(HUGE_PAGES, "utf8")).trim());
  if (got < wanted) throw new Error(`--huge-pages: only ${got} of ${wanted} huge pages could be reserved (${HUGE_PAGES})`);
  return async () => giveBack();
}

async function main() {
  await ensureProductionBuild();
  const giveBack = values["huge-pages"] ? await reserveHugePages() : null;
  const settings = { ...BENCH_SETTINGS, huge_pages: values["huge-pages"] ? "on" : "off" };
  const lines: string[] = [];
  const ratios: string[] = [];
  const cpuTable: string[] = [];
  for (const size of SIZES) {
    const kept = values.keep ? path.resolve(values.keep, String(size)) : null;
    const dataDir = kept ?? (await mkdtemp(path.join(os.tmpdir(), "dossier-bench-")));
    // Sized as a deployment would be (PostgreSQL's own default of 128 MB is a placeholder, far
    // below the index of a 500,000-record archive); see the README's production notes.
    const db = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: !!kept, settings });
    try {
      await applyMigrations(db.url);
      const client = new pg.Client({ connectionString: db.url });
      client.on("error", () => undefined); // the cluster stops at the end; a late error is expected
      await client.connect();
      const existing = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM search_documents")).rows[0]!.n);
      let genMs = 0;
      if (existing === size) {
        console.log(`Reusing the ${size.toLocaleString()}-record archive in ${dataDir}`);
      } else {
        if (existing > 0) throw new Error(`${dataDir} holds ${existing} records, not ${size}: remove it first`);
        console.log(`Generating ${size.toLocaleString()} records…`);
        genMs = await generate(client, size);
      }
      // The steady state of a running server: vacuumed (hint bits set, statistics fresh) and the
      // search table and its indexes in memory (texts and result documents stay on disk).
      await client.query("VACUUM ANALYZE search_documents");
      await client.query("VACUUM ANALYZE search_lexicon");
      await client.query("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
      // The search table's TOAST as well: the stored word vectors, which a phrase reads to check word order.
      await client.query(`SELECT pg_prewarm(c.oid) FROM pg_class c WHERE c.relname LIKE 'search\\_%' AND c.relkind IN ('r', 'i')`);
      await client.query(`SELECT pg_prewarm(c.reltoastrelid) FROM pg_class c WHERE c.relname = 'search_documents' AND c.reltoastrelid <> 0`);
      const variants = (await client.query<{ name: string }>("SELECT name FROM entity_names WHERE NOT is_preferred ORDER BY random() LIMIT 200")).rows.map((r) => r.name);
      const mix = queryMix(variants);
      console.log(`  generated in ${(genMs / 1000).toFixed(0)} s; starting the app`);
      const port = await freePort();
      const app = run("npx", ["--no-install", "next", "start", "--port", String(port)], {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: db.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1" },
        stdio: "ignore",
      });
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // Warm-up at the highest concurrency measured: every pooled connection is open, and each
      // PostgreSQL backend has mapped the buffers a search reads (a new backend's first searches
      // cost several times more: each shared buffer it touches first is a page fault).
      await measure(url, mix, 4);
      const postmaster = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
      const cpu = await cpuPerSearch(url, mix, app.pid!, postmaster, Number(values["cpu-requests"]));
      const cpuLines = cpu.map((k) => `| ${size.toLocaleString()} | ${k.kind} | ${fmt(k.app)} | ${fmt(k.db)} | ${fmt(k.app + k.db)} | ${fmt(k.ms)} |`);
      const mean = (f: (k: (typeof cpu)[number]) => number) => cpu.reduce((sum, k) => sum + f(k), 0) / cpu.length;
      cpuLines.push(`| ${size.toLocaleString()} | **mean of the kinds** | ${fmt(mean((k) => k.app))} | ${fmt(mean((k) => k.db))} | ${fmt(mean((k) => k.app + k.db))} | ${fmt(mean((k) => k.ms))} |`);
      console.log(cpuLines.join("\n"));
      if (values["cpu-only"]) {
        process.kill(-app.pid!, "SIGTERM");
        await waitForExit(app);
        await client.end();
        continue;
      }
      cpuTable.push(...cpuLines);
      const c1 = await measure(url, mix, 1);
      const c4 = await measure(url, mix, 4);
      const naive = await naiveBaseline(client, mix);
      // The whole group (npx, then next-server): a server left behind would share the cores with
      // the next size's measurement.
      process.kill(-app.pid!, "SIGTERM");
      await waitForExit(app);
      await client.end();
      const row = (label: string, q: { p50: number; p95: number; p99: number }) => `| ${size.toLocaleString()} | ${label} | ${fmt(q.p50)} | ${fmt(q.p95)} | ${fmt(q.p99)} |`;
      lines.push(row("HTTP, concurrency 1", c1.all), row("HTTP, concurrency 4", c4.all), row("naive SQL baseline (ts_rank over all matches + count), concurrency 1", naive));
      lines.push(...c4.byKind.map((k) => row(`  c4: ${k.kind}`, k)));
      console.log(lines.slice(-3 - c4.byKind.length).join("\n"));
      ratios.push(`${size.toLocaleString()} records: the naive baseline's p95 is ${(naive.p95 / c1.all.p95).toFixed(0)}x the endpoint's p95 at concurrency 1 (${fmt(naive.p95)} / ${fmt(c1.all.p95)} ms); target p95 at concurrency 4 <= 50 ms: ${c4.all.p95 <= 50 ? "met" : "not met"} (${fmt(c4.all.p95)} ms).`);
      console.log(`  ${ratios.at(-1)}`);
    } finally {
      await db.stop();
      if (!kept) await rm(dataDir, { recursive: true, force: true });
    }
  }
  await giveBack?.();
  if (values["cpu-only"]) process.exit(0);
  const section = [
    `## bench:search (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Machine: ${machine()}; PostgreSQL's shared buffers (${BENCH_SETTINGS.shared_buffers}) ${values["huge-pages"] ? "in 2 MB huge pages (--huge-pages)" : "in ordinary 4 kB pages (no huge pages reserved)"}. ${REQUESTS} requests per run; query mix of rare, medium and common words, two words, phrases, prefixes, typos and variant names, each with and without facet filters (collection + decade). Engine: PostgreSQL. Client: Node's http module on the same machine (keep-alive, gzip accepted, bodies timed to the last byte, not decompressed).`,
    "",
    "| records | run | p50 ms | p95 ms | p99 ms |",
    "|---|---|---|---|---|",
    ...lines,
    "",
    ...ratios.map((r) => `- ${r}`),
    "",
    `CPU per search, sequentially, ${values["cpu-requests"]} searches of each kind: the app server's CPU time and PostgreSQL's (every backend) divided by the searches, read from /proc; it depends far less on the host's other load than latency at concurrency 4 does. With two cores shared by the app, PostgreSQL and the load generator, four concurrent searches each wait for about twice the total.`,
    "",
    "| records | kind | app CPU ms | PostgreSQL CPU ms | total CPU ms | latency ms |",
    "|---|---|---|---|---|---|",
    ...cpuTable,
    "",
  ].join("\n");
  const file = path.join(ROOT, "docs", "benchmarks.md");
  const current = existsSync(file) ? await readFile(file, "utf8") : "# Benchmarks\n\nMeasured with the scripts in `scripts/bench/`. Speed is checked here, never in tests.\n\n";
  // The newest run goes first; earlier runs and notes stay below it for comparison.
  const at = current.indexOf("## bench:search");
  // Earlier runs keep their date as a sub-heading; one "Earlier runs" heading holds them all.
  const earlier = current
    .slice(at)
    .replace(/^## bench:search \(([^)]*)\)\n/, "#### Run of $1\n")
    .replace(/\n### Earlier runs\n\n/, "\n");
  await writeFile(file, at < 0 ? current.trimEnd() + "\n\n" + section : current.slice(0, at) + section + "\n### Earlier runs\n\n" + earlier);
  console.log(`\nWrote docs/benchmarks.md`);
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
