// npm run bench:relevance -- [--pocom <bare git dir>] [--queries 60] [--limit 0]
// Relevance on real public data, side by side with MiniSearch in the same run. The data: the
// U.S. Office of the Historian's chiefs-of-mission dataset (HistoryAtState/pocom, public domain),
// read from a git mirror fetched at run time and never committed. Each appointment becomes a
// record (person and country as authority records, the appointment date as the record's date),
// published through the real publish path and indexed by the real sync worker of the production
// build. Queries are generated from the records with a fixed seed in several styles (what
// readers type: surname and place, with typos, a year, a month, a decade, the place's other
// recorded name, dotted initials, stop-words) and sent over HTTP as /search sends them. The same
// records and queries go to MiniSearch (fields title, summary, names; fuzzy 0.2, prefix, title
// and names boosted). Reported per style: success@1, success@10, MRR, zero-result rate.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { XMLParser } from "fast-xml-parser";
import MiniSearch from "minisearch";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrations";
import { run, waitForExit } from "../lib/processes";
import { machine, writeSection } from "./report";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    pocom: { type: "string", default: "/work/.mirror/HistoryAtState+pocom/repo" },
    queries: { type: "string", default: "60" },
    limit: { type: "string", default: "0" },
  },
});
const PER_STYLE = Number(values.queries);

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

interface Appointment {
  key: string;
  forename: string;
  surname: string;
  altname: string | null;
  role: string;
  /** Country as the dataset names it today, and as it was named then (when different). */
  country: string;
  contemporary: string;
  date: string; // YYYY-MM-DD or YYYY-MM or YYYY
  ended: string | null;
  endedNote: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "congo-kinshasa" -> "Congo Kinshasa", "czechoslovakia-1993" -> "Czechoslovakia", "antigua-and-barbuda" -> "Antigua and Barbuda". */
const placeName = (id: string) =>
  id.replace(/-\d{4}$/, "").split("-").map((w) => (["and", "of", "the"].includes(w) ? w : w[0]!.toUpperCase() + w.slice(1))).join(" ");
const text = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

async function loadPocom(gitDir: string): Promise<Appointment[]> {
  if (!existsSync(gitDir)) {
    throw new Error(`No pocom mirror at ${gitDir}. Fetch github:HistoryAtState/pocom (the search tool's fetch) and pass --pocom <its git dir>.`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-pocom-"));
  try {
    const tar = execFileSync("git", ["--git-dir", gitDir, "archive", "HEAD", "people", "missions-countries", "roles-country-chiefs"], { maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    // fast-xml-parser: a kept, dependency-free XML parser; these are small, trusted data files.
    const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
    const read = async (file: string) => xml.parse(await readFile(file, "utf8")) as Record<string, Record<string, unknown>>;
    const people = new Map<string, { forename: string; surname: string; altname: string | null }>();
    for (const letter of await readdir(path.join(dir, "people"))) {
      for (const file of await readdir(path.join(dir, "people", letter))) {
        const p = (await read(path.join(dir, "people", letter, file))).person!;
        const name = p.persName as Record<string, unknown>;
        people.set(text(p.id), { forename: text(name.forename), surname: text(name.surname), altname: text(name.altname) || null });
      }
    }
    const roles = new Map<string, string>();
    for (const file of await readdir(path.join(dir, "roles-country-chiefs"))) {
      const r = (await read(path.join(dir, "roles-country-chiefs", file))).role!;
      roles.set(text(r.id), text((r.names as Record<string, unknown>).singular));
    }
    const appointments: Appointment[] = [];
    for (const file of await readdir(path.join(dir, "missions-countries"))) {
      const mission = (await read(path.join(dir, "missions-countries", file)))["country-mission"]!;
      const chiefs = (mission.chiefs as Record<string, unknown> | undefined)?.chief;
      for (const chief of (Array.isArray(chiefs) ? chiefs : chiefs ? [chiefs] : []) as Record<string, Record<string, unknown>>[]) {
        const person = people.get(text(chief["person-id"]));
        const date = text(chief.appointed?.date) || text(chief.started?.date);
        if (!person || !person.surname || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) continue;
        const territory = text(mission["territory-id"]);
        appointments.push({
          key: text(chief.id),
          ...person,
          role: roles.get(text(chief["role-title-id"])) ?? "Chief of Mission",
          country: placeName(territory),
          contemporary: placeName(text(chief["contemporary-territory-id"]) || territory),
          date,
          ended: /^\d{4}/.test(text(chief.ended?.date)) ? text(chief.ended?.date) : null,
          endedNote: text(chief.ended?.note),
        });
      }
    }
    return appointments;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const fullName = (a: Appointment) => `${a.forename} ${a.surname}`.trim();
const writtenDate = (d: string) => {
  const [y, m, day] = d.split("-");
  return day ? `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}` : m ? `${MONTHS[Number(m) - 1]} ${y}` : y!;
};

/** The record an archive would hold for an appointment. */
function recordOf(a: Appointment) {
  const ended = a.ended ? ` ${a.endedNote || "Left post on"} ${writtenDate(a.ended)}.` : "";
  return {
    title: `Appointment of ${fullName(a)} as ${a.role} to ${a.contemporary}`,
    dateText: a.date,
    summary: `${fullName(a)} was appointed ${a.role} to ${a.contemporary} on ${writtenDate(a.date)}.${ended}`,
    names: [fullName(a), ...(a.altname ? [a.altname] : []), `${a.surname}, ${a.forename}`, a.country, ...(a.contemporary !== a.country ? [a.contemporary] : [])],
  };
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

type Style = { name: string; make: (a: Appointment) => string | null };
const STYLES: Style[] = [
  { name: "surname + place", make: (a) => `${a.surname} ${a.contemporary}` },
  { name: "one typo", make: (a) => ([...a.surname].length >= 5 ? `${typo(a.surname)} ${a.contemporary}` : null) },
  { name: "two typos", make: (a) => ([...a.surname].length >= 5 && [...lastWord(a.contemporary)].length >= 5 ? `${typo(a.surname)} ${a.contemporary.replace(/\S+$/, (w) => typo(w))}` : null) },
  { name: "with year", make: (a) => `${a.surname} ${a.contemporary} ${a.date.slice(0, 4)}` },
  { name: "with month and year", make: (a) => (a.date.length >= 7 ? `${a.surname} ${a.contemporary} ${MONTHS[Number(a.date.slice(5, 7)) - 1]} ${a.date.slice(0, 4)}` : null) },
  { name: "with decade", make: (a) => `${a.surname} ${a.contemporary} ${a.date.slice(0, 3)}0s` },
  { name: "place in its other form", make: (a) => (a.contemporary !== a.country ? `${a.surname} ${pick([a.country, a.contemporary].filter((c) => c !== a.contemporary))}` : null) },
  { name: "without diacritics", make: (a) => (plain(a.surname) !== a.surname || plain(a.contemporary) !== a.contemporary ? `${plain(a.surname)} ${plain(a.contemporary)}` : null) },
  { name: "dotted initials", make: (a) => { const initials = a.forename.split(/\s+/).filter(Boolean).map((w) => `${w[0]}.`).join(""); return initials.length >= 4 ? `${initials} ${a.surname} ${a.contemporary}` : null; } },
  { name: "with stop-words", make: (a) => `${a.role.toLowerCase()} to the ${a.contemporary} ${a.surname}` },
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

async function main() {
  console.log(`Reading the chiefs-of-mission data from ${values.pocom}…`);
  let appointments = await loadPocom(values.pocom!);
  if (Number(values.limit) > 0) appointments = appointments.slice(0, Number(values.limit));
  console.log(`  ${appointments.length} appointments with a person and a date`);

  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("Building the production app first (next build)…");
    await new Promise<void>((resolve, reject) =>
      run("npx", ["--no-install", "next", "build"], { env: { ...process.env, NODE_ENV: "production" } }).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("next build failed")))),
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-relevance-"));
  const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
  try {
    await applyMigrations(cluster.url);
    process.env.DATABASE_URL = cluster.url;
    const { db } = await import("../../server/db");
    const { createEntity } = await import("../../server/entities/entities");
    const { entityInputSchema } = await import("../../server/entities/entities");
    const { publishRevision } = await import("../../server/records/publish");
    const { recordContentSchema } = await import("../../server/records/content");

    // Authority records: one person per person id, one place per country (its other names as variants).
    console.log("Publishing through the real publish path…");
    const started = Date.now();
    const people = new Map<string, number>();
    const places = new Map<string, number>();
    const recordIds: number[] = [];
    for (const a of appointments) {
      const personKey = `${a.forename}|${a.surname}`;
      if (!people.has(personKey)) {
        const names = [fullName(a), ...(a.altname && a.altname !== fullName(a) ? [a.altname] : [])];
        const entity = await createEntity(db, entityInputSchema.parse({ type: "person", names: names.map((name, i) => ({ name, language: "en", preferred: i === 0 })) }));
        people.set(personKey, entity.id);
      }
      if (!places.has(a.country)) {
        const variants = [...new Set(appointments.filter((b) => b.country === a.country && b.contemporary !== a.country).map((b) => b.contemporary))];
        const entity = await createEntity(db, entityInputSchema.parse({ type: "place", names: [a.country, ...variants].map((name, i) => ({ name, language: "en", preferred: i === 0 })) }));
        places.set(a.country, entity.id);
      }
      const record = recordOf(a);
      const content = recordContentSchema.parse({
        title: record.title, dateText: record.dateText, summary: record.summary, originalLanguage: "en", documentType: "other",
        sourceArchive: "Office of the Historian, U.S. Department of State", sourceLocator: a.key,
        mentions: [{ entityId: people.get(personKey)!, role: "mentioned" }, { entityId: places.get(a.country)!, role: "mentioned" }],
      });
      const published = await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
      recordIds.push(published.recordId);
    }
    console.log(`  ${recordIds.length} records, ${people.size} people, ${places.size} places in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The production build serves /search; its own sync worker indexes the outbox.
    const port = await freePort();
    const app = run("npx", ["--no-install", "next", "start", "--port", String(port)], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: cluster.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 240; i++) {
        if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const pending = async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_outbox WHERE processed_at IS NULL`)[0]!.n;
      for (let i = 0; (await pending()) > 0; i++) {
        if (i > 1200) throw new Error("the sync worker did not drain the outbox in 10 minutes");
        await new Promise((r) => setTimeout(r, 500));
      }
      const indexed = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM search_documents`)[0]!.n;
      console.log(`  indexed by the worker: ${indexed}`);

      // MiniSearch on the same records.
      const mini = new MiniSearch<{ id: number; title: string; summary: string; names: string }>({
        fields: ["title", "summary", "names"],
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2, names: 2 } },
      });
      mini.addAll(appointments.map((a, i) => ({ id: recordIds[i]!, ...recordOf(a), names: recordOf(a).names.join("\n") })));

      const dossierScores = new Map<string, Scores>();
      const miniScores = new Map<string, Scores>();
      const examples: string[] = [];
      for (const style of STYLES) {
        const ds = empty();
        const ms = empty();
        dossierScores.set(style.name, ds);
        miniScores.set(style.name, ms);
        const candidates = appointments.map((a, i) => [a, i] as const).filter(([a]) => style.make(a) !== null);
        for (let k = 0; k < Math.min(PER_STYLE, candidates.length); k++) {
          const [a, i] = pick(candidates);
          const q = style.make(a)!;
          const input = encodeURIComponent(JSON.stringify({ json: { q, pageSize: 10 } }));
          const response = await fetch(`${url}/api/trpc/search.query?input=${input}`);
          if (!response.ok) throw new Error(`search answered ${response.status} for ${q}`);
          const body = (await response.json()) as { result: { data: { json: { hits: { id: number }[] } } } };
          const ranked = body.result.data.json.hits.map((h) => h.id);
          score(ds, ranked, recordIds[i]!);
          score(ms, mini.search(q).slice(0, 10).map((r) => r.id as number), recordIds[i]!);
          if (!ranked.slice(0, 10).includes(recordIds[i]!) && examples.length < 15) examples.push(`${style.name}: "${q}" (wanted: ${recordOf(a).title}, ${a.date})`);
        }
        const f = (s: Scores) => `${(s.at1 / s.n).toFixed(2)} / ${(s.at10 / s.n).toFixed(2)} / ${(s.rr / s.n).toFixed(2)} / ${(s.zero / s.n).toFixed(2)}`;
        console.log(`  ${style.name.padEnd(26)} n=${ds.n}  Dossier ${f(ds)}   MiniSearch ${f(ms)}`);
      }

      const total = (m: Map<string, Scores>) => [...m.values()].reduce((t, s) => ({ n: t.n + s.n, at1: t.at1 + s.at1, at10: t.at10 + s.at10, rr: t.rr + s.rr, zero: t.zero + s.zero }), empty());
      const cell = (s: Scores) => `${(s.at1 / s.n).toFixed(2)} | ${(s.at10 / s.n).toFixed(2)} | ${(s.rr / s.n).toFixed(2)} | ${(s.zero / s.n).toFixed(2)}`;
      const rows = STYLES.filter((s) => dossierScores.get(s.name)!.n > 0).map((s) => `| ${s.name} | ${dossierScores.get(s.name)!.n} | ${cell(dossierScores.get(s.name)!)} | ${cell(miniScores.get(s.name)!)} |`);
      const section = [
        `## bench:relevance (${new Date().toISOString().slice(0, 10)})`,
        "",
        `Machine: ${machine()}. Data: HistoryAtState/pocom (chiefs of mission, public domain), ${recordIds.length.toLocaleString("en")} appointments published as records (${people.size.toLocaleString("en")} people, ${places.size} places) through the publish path and indexed by the production build's sync worker. Queries: up to ${PER_STYLE} per style, fixed seed, generated from the records; Dossier over HTTP (/api/trpc/search.query, PostgreSQL engine), MiniSearch ${"7.2.0"} in process on the same records (title, summary, names; fuzzy 0.2, prefix, title and names boosted x2). Cells: success@1 | success@10 | MRR | zero-result rate.`,
        "",
        "| style | queries | Dossier s@1 | s@10 | MRR | zero | MiniSearch s@1 | s@10 | MRR | zero |",
        "|---|---|---|---|---|---|---|---|---|---|",
        ...rows,
        `| **all** | ${total(dossierScores).n} | ${cell(total(dossierScores))} | ${cell(total(miniScores))} |`,
        "",
        ...(examples.length ? ["Queries whose record Dossier did not put in its first ten (for the next round):", "", ...examples.map((e) => `- ${e}`), ""] : []),
      ].join("\n");
      console.log(section);
      await writeSection("bench:relevance", section);
    } finally {
      process.kill(-app.pid!, "SIGTERM");
      await waitForExit(app);
      await db.$disconnect();
    }
  } finally {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
