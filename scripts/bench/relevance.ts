// npm run bench:relevance -- [--datasets pocom,travels] [--pocom <git dir>] [--travels <git dir>] [--queries 60] [--trace <file>]
// Relevance on real public data, side by side with MiniSearch in the same run. The data, both
// public domain from the U.S. Office of the Historian, read from git mirrors fetched at run time
// and never committed: the chiefs-of-mission dataset (HistoryAtState/pocom: each appointment a
// record, the appointment date its date) and the travels of presidents and secretaries of state
// (HistoryAtState/travels: each trip a record, its days its date, its remarks its summary; many
// near-identical trips of one person to one country). People and countries (with the names the
// countries had then) are authority records. Each dataset is published through the real publish
// path into its own database and indexed by the real sync worker beside the production build. Queries are generated from the records with a fixed seed in several styles (what
// readers type: surname and place, with typos, a year, a month, a decade, the place's other
// recorded name, dotted initials, stop-words) and sent over HTTP as /search sends them. The same
// records and queries go to MiniSearch (fields title, summary, names; fuzzy 0.2, prefix, title
// and names boosted). Reported per style: success@1, success@10, MRR, zero-result rate.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { XMLParser } from "fast-xml-parser";
import MiniSearch from "minisearch";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { run, waitForExit } from "../lib/processes";
import { ensureProductionBuild, machine, writeSection } from "./report";

const { values } = parseArgs({
  options: {
    datasets: { type: "string", default: "pocom,travels" },
    pocom: { type: "string", default: "/work/.mirror/HistoryAtState+pocom/repo" },
    travels: { type: "string", default: "/work/.mirror/HistoryAtState+travels/repo" },
    queries: { type: "string", default: "60" },
    /** Also write every query with the wanted record's rank in each engine (JSON lines), to study the misses. */
    trace: { type: "string" },
  },
});
const PER_STYLE = Number(values.queries);

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

/** One record to publish, with what the queries are made from. */
interface Item {
  key: string;
  title: string;
  dateText: string;
  summary: string;
  /** The person: preferred name first, then variants. */
  person: string[];
  /** Places: each a preferred name (today's) then the names it had (as the record writes them). */
  places: string[][];
  forename: string;
  surname: string;
  /** The place as the record writes it, and another recorded name of it (or null). */
  place: string;
  otherPlace: string | null;
  /** First day, YYYY-MM-DD or YYYY-MM or YYYY. */
  date: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "congo-kinshasa" -> "Congo Kinshasa", "czechoslovakia-1993" -> "Czechoslovakia", "antigua-and-barbuda" -> "Antigua and Barbuda". */
const placeName = (id: string) =>
  id.replace(/-\d{4}$/, "").split("-").map((w) => (["and", "of", "the"].includes(w) ? w : w[0]!.toUpperCase() + w.slice(1))).join(" ");
const text = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const list = <T>(v: T | T[] | undefined): T[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const writtenDate = (d: string) => {
  const [y, m, day] = d.split("-");
  return day ? `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}` : m ? `${MONTHS[Number(m) - 1]} ${y}` : y!;
};
// fast-xml-parser: a kept, dependency-free XML parser; these are small, trusted data files.
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });

/** The files of a mirror's folders, extracted to a temporary directory. */
async function extract<T>(gitDir: string, folders: string[], withFiles: (dir: string) => Promise<T>): Promise<T> {
  if (!existsSync(gitDir)) {
    throw new Error(`No mirror at ${gitDir}: fetch the repository (the search tool's fetch, e.g. github:HistoryAtState/pocom) and pass its git dir.`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-data-"));
  try {
    const tar = execFileSync("git", ["--git-dir", gitDir, "archive", "HEAD", ...folders], { maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    return await withFiles(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const readXml = async (file: string) => xml.parse(await readFile(file, "utf8")) as Record<string, Record<string, unknown>>;

async function loadPocom(gitDir: string): Promise<Item[]> {
  return extract(gitDir, ["people", "missions-countries", "roles-country-chiefs"], async (dir) => {
    const people = new Map<string, { forename: string; surname: string; altname: string | null }>();
    for (const letter of await readdir(path.join(dir, "people"))) {
      for (const file of await readdir(path.join(dir, "people", letter))) {
        const p = (await readXml(path.join(dir, "people", letter, file))).person!;
        const name = p.persName as Record<string, unknown>;
        people.set(text(p.id), { forename: text(name.forename), surname: text(name.surname), altname: text(name.altname) || null });
      }
    }
    const roles = new Map<string, string>();
    for (const file of await readdir(path.join(dir, "roles-country-chiefs"))) {
      const r = (await readXml(path.join(dir, "roles-country-chiefs", file))).role!;
      roles.set(text(r.id), text((r.names as Record<string, unknown>).singular));
    }
    const chiefs: { chief: Record<string, Record<string, unknown>>; territory: string }[] = [];
    for (const file of await readdir(path.join(dir, "missions-countries"))) {
      const mission = (await readXml(path.join(dir, "missions-countries", file)))["country-mission"]!;
      for (const chief of list((mission.chiefs as Record<string, unknown> | undefined)?.chief) as Record<string, Record<string, unknown>>[]) {
        chiefs.push({ chief, territory: text(mission["territory-id"]) });
      }
    }
    // Every name a country had, for its authority record.
    const countryNames = new Map<string, Set<string>>();
    for (const { chief, territory } of chiefs) {
      const names = countryNames.get(territory) ?? new Set([placeName(territory)]);
      names.add(placeName(text(chief["contemporary-territory-id"]) || territory));
      countryNames.set(territory, names);
    }
    const items: Item[] = [];
    for (const { chief, territory } of chiefs) {
      const person = people.get(text(chief["person-id"]));
      const date = text(chief.appointed?.date) || text(chief.started?.date);
      if (!person || !person.surname || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) continue;
      const country = placeName(territory);
      const then = placeName(text(chief["contemporary-territory-id"]) || territory);
      const role = roles.get(text(chief["role-title-id"])) ?? "Chief of Mission";
      const name = `${person.forename} ${person.surname}`.trim();
      const ended = /^\d{4}/.test(text(chief.ended?.date)) ? ` ${text(chief.ended?.note) || "Left post on"} ${writtenDate(text(chief.ended?.date))}.` : "";
      items.push({
        key: text(chief.id),
        title: `Appointment of ${name} as ${role} to ${then}`,
        dateText: date,
        summary: `${name} was appointed ${role} to ${then} on ${writtenDate(date)}.${ended}`,
        person: [name, ...(person.altname && person.altname !== name ? [person.altname] : [])],
        places: [[...countryNames.get(territory)!]],
        forename: person.forename,
        surname: person.surname,
        place: then,
        otherPlace: then !== country ? country : null,
        date,
      });
    }
    return items;
  });
}

async function loadTravels(gitDir: string): Promise<Item[]> {
  return extract(gitDir, ["president-travels", "secretary-travels"], async (dir) => {
    const trips: Record<string, unknown>[] = [];
    for (const folder of ["president-travels", "secretary-travels"]) {
      for (const file of await readdir(path.join(dir, folder))) {
        trips.push(...(list((await readXml(path.join(dir, folder, file))).trips?.trip) as Record<string, unknown>[]));
      }
    }
    const country = (trip: Record<string, unknown>) => trip.country as { "@id": string; "#text"?: string } | string;
    const countryId = (trip: Record<string, unknown>) => { const c = country(trip); return typeof c === "string" ? "" : c["@id"]; };
    const countryText = (trip: Record<string, unknown>) => { const c = country(trip); return typeof c === "string" ? c : text(c["#text"]); };
    const countryNames = new Map<string, Set<string>>();
    for (const trip of trips) {
      const id = countryId(trip);
      if (!id) continue;
      const names = countryNames.get(id) ?? new Set([placeName(id)]);
      names.add(countryText(trip));
      countryNames.set(id, names);
    }
    const items: Item[] = [];
    for (const trip of trips) {
      const name = text(trip.name).replace(/\s*\([^)]*\)/g, "");
      const start = text(trip["start-date"]);
      const end = text(trip["end-date"]) || start;
      const id = countryId(trip);
      const then = countryText(trip);
      if (!name || !id || !then || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || end < start) continue;
      const locale = text(trip.locale);
      const role = text(trip.role) === "president" ? "President" : "Secretary of State";
      const words = name.split(/\s+/);
      items.push({
        key: text(trip.id),
        title: `${role} ${name} in ${locale ? `${locale}, ` : ""}${then}`,
        dateText: start === end ? start : `${start}/${end}`,
        summary: text(trip.remarks) || `Visit to ${then}.`,
        person: [name],
        places: [[...countryNames.get(id)!]],
        forename: words.slice(0, -1).join(" "),
        surname: words.at(-1)!,
        place: then,
        otherPlace: placeName(id) !== then ? placeName(id) : null,
        date: start,
      });
    }
    return items;
  });
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

let seed = 20261201;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

/** One typo as readers make them: a letter dropped, doubled, swapped with the next, or replaced by a neighbour on the keyboard. */
function typo(word: string): string {
  const s = [...word];
  const i = 1 + Math.floor(rand() * (s.length - 2)); // never the first letter
  const kind = Math.floor(rand() * 4);
  const near: Record<string, string> = { a: "s", e: "r", i: "o", o: "i", u: "y", n: "m", m: "n", r: "t", s: "a", t: "r", l: "k", k: "l", h: "j", c: "v", d: "f", g: "h", b: "v", v: "b", p: "o", y: "u", w: "e", f: "g" };
  if (kind === 0) s.splice(i, 1);
  else if (kind === 1) s.splice(i, 0, s[i]!);
  else if (kind === 2 && i + 1 < s.length) [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
  else s[i] = near[s[i]!.toLowerCase()] ?? "e";
  return s.join("");
}
const plain = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "");
const lastWord = (s: string) => s.split(/\s+/).pop()!;

type Style = { name: string; make: (a: Item) => string | null };
const STYLES: Style[] = [
  { name: "surname + place", make: (a) => `${a.surname} ${a.place}` },
  { name: "one typo", make: (a) => ([...a.surname].length >= 5 ? `${typo(a.surname)} ${a.place}` : null) },
  { name: "two typos", make: (a) => ([...a.surname].length >= 5 && [...lastWord(a.place)].length >= 5 ? `${typo(a.surname)} ${a.place.replace(/\S+$/, (w) => typo(w))}` : null) },
  { name: "with year", make: (a) => `${a.surname} ${a.place} ${a.date.slice(0, 4)}` },
  { name: "with month and year", make: (a) => (a.date.length >= 7 ? `${a.surname} ${a.place} ${MONTHS[Number(a.date.slice(5, 7)) - 1]} ${a.date.slice(0, 4)}` : null) },
  { name: "with decade", make: (a) => `${a.surname} ${a.place} ${a.date.slice(0, 3)}0s` },
  { name: "place in its other form", make: (a) => (a.otherPlace ? `${a.surname} ${a.otherPlace}` : null) },
  { name: "without diacritics", make: (a) => (plain(a.surname) !== a.surname || plain(a.place) !== a.place ? `${plain(a.surname)} ${plain(a.place)}` : null) },
  { name: "dotted initials", make: (a) => { const initials = a.forename.split(/\s+/).filter((w) => /^\p{L}/u.test(w)).map((w) => `${w[0]}.`).join(""); return initials.length >= 4 ? `${initials} ${a.surname} ${a.place}` : null; } },
  { name: "dotted place", make: (a) => (/\p{L}\.\p{L}\./u.test(a.place) ? `${a.surname} ${a.place}` : null) },
  { name: "with stop-words", make: (a) => `${a.surname} in the ${a.place}` },
];

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

type Scores = { n: number; at1: number; at10: number; rr: number; zero: number };
const empty = (): Scores => ({ n: 0, at1: 0, at10: 0, rr: 0, zero: 0 });
function score(s: Scores, ranked: number[], target: number) {
  const rank = ranked.indexOf(target);
  s.n++;
  if (ranked.length === 0) s.zero++;
  if (rank === 0) s.at1++;
  if (rank >= 0 && rank < 10) {
    s.at10++;
    s.rr += 1 / (rank + 1);
  }
}

const DATASETS: Record<string, { label: string; load: () => Promise<Item[]> }> = {
  pocom: { label: "HistoryAtState/pocom (chiefs of mission: one record per appointment)", load: () => loadPocom(values.pocom!) },
  travels: { label: "HistoryAtState/travels (presidents' and secretaries' trips: one record per trip)", load: () => loadTravels(values.travels!) },
};

/** Publishes one dataset into a fresh database, serves it, and scores both engines on it. Returns its report. */
async function measureDataset(name: string): Promise<string> {
  const dataset = DATASETS[name];
  if (!dataset) throw new Error(`Unknown dataset ${name}: ${Object.keys(DATASETS).join(", ")}`);
  console.log(`\n${name}: reading ${dataset.label}…`);
  const items = await dataset.load();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-relevance-"));
  const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
  try {
    await applyMigrations(cluster.url);
    process.env.DATABASE_URL ??= cluster.url; // read when server/db is first imported
    const { createDbClient } = await import("../../server/db");
    const db = createDbClient(cluster.url);
    const { createEntity, entityInputSchema } = await import("../../server/entities/entities");
    const { publishRevision } = await import("../../server/records/publish");
    const { recordContentSchema } = await import("../../server/records/content");

    console.log(`  publishing ${items.length.toLocaleString("en")} records through the real publish path…`);
    const started = Date.now();
    const entities = new Map<string, number>();
    const entity = async (type: "person" | "place", names: string[]) => {
      const key = `${type}:${names[0]}`;
      let id = entities.get(key);
      if (id === undefined) {
        const unique = [...new Set(names)];
        id = (await createEntity(db, entityInputSchema.parse({ type, names: unique.map((n, i) => ({ name: n, language: "en", preferred: i === 0 })) }))).id;
        entities.set(key, id);
      }
      return id;
    };
    const recordIds: number[] = [];
    for (const item of items) {
      const mentions = [
        { entityId: await entity("person", item.person), role: "mentioned" },
        ...(await Promise.all(item.places.map(async (names) => ({ entityId: await entity("place", names), role: "mentioned" })))),
      ];
      const content = recordContentSchema.parse({
        title: item.title, dateText: item.dateText, summary: item.summary, originalLanguage: "en", documentType: "other",
        sourceArchive: "Office of the Historian, U.S. Department of State", sourceLocator: item.key, mentions,
      });
      recordIds.push((await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }))).recordId);
    }
    console.log(`  ${recordIds.length.toLocaleString("en")} records, ${entities.size.toLocaleString("en")} authority records in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The production build serves /search; the sync worker (its own process, as in production)
    // indexes the outbox the publishing filled.
    const port = await freePort();
    const env = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: cluster.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1" };
    const app = run("npx", ["--no-install", "next", "start", "--port", String(port)], { env, stdio: "ignore" });
    const worker = run("npx", ["--no-install", "tsx", "scripts/worker.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 240; i++) {
        if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const pending = async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL`)[0]!.n;
      for (let i = 0; (await pending()) > 0; i++) {
        if (i > 1200) throw new Error("the sync worker did not drain the outbox in 10 minutes");
        if (i % 20 === 0) console.log(`  waiting for the worker: ${await pending()} records to index`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const indexed = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_documents`)[0]!.n;
      console.log(`  indexed by the worker: ${indexed}`);

      // MiniSearch on the same records.
      const mini = new MiniSearch<{ id: number; title: string; summary: string; names: string }>({
        fields: ["title", "summary", "names"],
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2, names: 2 } },
      });
      mini.addAll(items.map((item, i) => ({ id: recordIds[i]!, title: item.title, summary: item.summary, names: [...item.person, ...item.places.flat()].join("\n") })));

      const dossierScores = new Map<string, Scores>();
      const miniScores = new Map<string, Scores>();
      const examples: string[] = [];
      for (const style of STYLES) {
        const ds = empty();
        const ms = empty();
        dossierScores.set(style.name, ds);
        miniScores.set(style.name, ms);
        const candidates = items.map((item, i) => [item, i] as const).filter(([item]) => style.make(item) !== null);
        for (let k = 0; k < Math.min(PER_STYLE, candidates.length); k++) {
          const [item, i] = pick(candidates);
          const q = style.make(item)!;
          const input = encodeURIComponent(JSON.stringify({ json: { q, pageSize: 10 } }));
          const response = await fetch(`${url}/api/trpc/search.query?input=${input}`);
          if (!response.ok) throw new Error(`search answered ${response.status} for ${q}`);
          const body = (await response.json()) as { result: { data: { json: { hits: { id: number }[] } } } };
          const ranked = body.result.data.json.hits.map((h) => h.id);
          score(ds, ranked, recordIds[i]!);
          const miniRanked = mini.search(q).slice(0, 10).map((r) => r.id as number);
          score(ms, miniRanked, recordIds[i]!);
          if (values.trace) appendFileSync(values.trace, `${JSON.stringify({ dataset: name, style: style.name, q, wanted: `${item.title}, ${item.dateText}`, dossier: ranked.indexOf(recordIds[i]!), minisearch: miniRanked.indexOf(recordIds[i]!) })}\n`);
          if (!ranked.slice(0, 10).includes(recordIds[i]!) && examples.length < 12) examples.push(`${style.name}: "${q}" (wanted: ${item.title}, ${item.dateText})`);
        }
        if (ds.n) console.log(`  ${style.name.padEnd(26)} n=${String(ds.n).padEnd(3)} Dossier ${brief(ds)}   MiniSearch ${brief(ms)}`);
      }
      const rows = STYLES.filter((s) => dossierScores.get(s.name)!.n > 0).map((s) => `| ${s.name} | ${dossierScores.get(s.name)!.n} | ${cell(dossierScores.get(s.name)!)} | ${cell(miniScores.get(s.name)!)} |`);
      return [
        `### ${name}: ${dataset.label}`,
        "",
        `${recordIds.length.toLocaleString("en")} records, ${entities.size.toLocaleString("en")} authority records (people; countries with the names they had).`,
        "",
        "| style | queries | Dossier s@1 | s@10 | MRR | zero | MiniSearch s@1 | s@10 | MRR | zero |",
        "|---|---|---|---|---|---|---|---|---|---|",
        ...rows,
        `| **all** | ${total(dossierScores).n} | ${cell(total(dossierScores))} | ${cell(total(miniScores))} |`,
        "",
        ...(examples.length ? ["Queries whose record Dossier did not put in its first ten:", "", ...examples.map((e) => `- ${e}`), ""] : []),
      ].join("\n");
    } finally {
      for (const child of [app, worker]) process.kill(-child.pid!, "SIGTERM");
      await Promise.all([waitForExit(app), waitForExit(worker)]);
      await db.$disconnect();
    }
  } finally {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const brief = (s: Scores) => `${(s.at1 / s.n).toFixed(2)} / ${(s.at10 / s.n).toFixed(2)} / ${(s.rr / s.n).toFixed(2)} / ${(s.zero / s.n).toFixed(2)}`;
const cell = (s: Scores) => `${(s.at1 / s.n).toFixed(2)} | ${(s.at10 / s.n).toFixed(2)} | ${(s.rr / s.n).toFixed(2)} | ${(s.zero / s.n).toFixed(2)}`;
const total = (m: Map<string, Scores>) =>
  [...m.values()].reduce((t, s) => ({ n: t.n + s.n, at1: t.at1 + s.at1, at10: t.at10 + s.at10, rr: t.rr + s.rr, zero: t.zero + s.zero }), empty());

async function main() {
  await ensureProductionBuild();
  const reports: string[] = [];
  for (const name of values.datasets!.split(",")) reports.push(await measureDataset(name.trim()));
  const section = [
    `## bench:relevance (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Machine: ${machine()}. Each dataset published through the publish path into its own database and indexed by the sync worker beside the production build. Queries: up to ${PER_STYLE} per style, fixed seed, generated from the records in the styles readers type; Dossier over HTTP (/api/trpc/search.query, PostgreSQL engine, as /search calls it), MiniSearch 7.2.0 in process on the same records (fields title, summary, names; fuzzy 0.2, prefix, title and names boosted x2). Cells: success@1 | success@10 | MRR | zero-result rate.`,
    "",
    ...reports,
  ].join("\n");
  console.log(`\n${section}`);
  await writeSection("bench:relevance", section);
  process.exit(0);
}

await main();
