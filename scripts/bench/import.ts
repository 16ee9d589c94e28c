// npm run bench:import — bulk import speed and memory: a generated CSV of 100,000 rows and a
// generated FRUS-shaped TEI volume of 1,000 documents, each from upload to a checked change set
// (rows/s), and from approval to searchable (records/s: published in batches, then indexed by
// the PostgreSQL engine from the outbox), with the peak memory of the process doing the work
// (it runs the worker's jobs in-process). A throw-away embedded PostgreSQL with the demo archive.
//   npm run bench:import                        (100,000 rows and 1,000 documents)
//   npm run bench:import -- --rows 10000 --docs 200 --dry    (smaller; --dry: docs/benchmarks.md untouched)
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { spawn } from "node:child_process";
import { ROOT } from "../lib/database-url";
import { freePort, startEmbeddedDb } from "../lib/embedded-db";
import { WORKER_HEAP_MB, workerArgs } from "../lib/processes";
import { prepareDatabase } from "../lib/prepare-database";
import { machine, writeSection } from "./report";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, docs: { type: "string", default: "1000" }, "dry": { type: "boolean", default: false }, "check-only": { type: "boolean", default: false } } });
const ROWS = Number(values.rows);
const DOCS = Number(values.docs);

const GIVEN = ["Andrei", "Ivan", "Kim", "Pak", "Li", "Choe", "Zhou", "Enver", "Vasily", "Nikolai", "Josef", "Mehmet", "Anna", "Olga", "Jan", "Karel", "Imre", "Georgi", "Todor", "Wang"];
const FAMILY = ["Petrov", "Sokolov", "Il", "Hon", "Yun", "Yong", "Enlai", "Hoxha", "Kuznetsov", "Shtykov", "Novak", "Kovacs", "Dimitrov", "Zhivkov", "Ming", "Tito", "Gomulka", "Ulbricht", "Rakosi", "Ceausescu"];
const PLACES = ["Pyongyang", "Peking", "Moscow", "Tirana", "Prague", "Budapest", "Sofia", "Warsaw", "Berlin", "Bucharest", "Hanoi", "Ulan Bator", "Belgrade", "Kaesong", "Sinuiju"];
const SUBJECTS = ["Foreign trade", "Economic assistance and planning", "Soviet military aid", "Industry", "Agriculture", "Education", "Border incidents", "Reparations"];
const TYPES = ["telegram", "memorandum", "letter", "report", "minutes", "conversation"];
const DATES = (i: number) => {
  const y = 1945 + (i % 40);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  return [`${d} ${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]} ${y}`, `${y}-${String(m).padStart(2, "0")}`, `circa ${y}`, `${y - (y % 10)}s`, `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`][i % 5]!;
};
const person = (i: number) => `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}${i >= 400 ? ` ${Math.floor(i / 400)}` : ""}`;
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
const PARAGRAPH = "The embassy reports a conversation on trade, the exchange of specialists and the deliveries agreed for the coming year; figures follow in the annex.";

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write("Identifier,Title,Date,Summary,Full text,Language,Type,Archive,Locator,People,Places,Subjects,Collection\n");
  for (let i = 0; i < ROWS; i++) {
    const people = [person((i * 7) % 3000), person((i * 13 + 5) % 3000)].join("; ");
    const line = [
      `bench-${i}`,
      `${TYPES[i % TYPES.length]![0]!.toUpperCase()}${TYPES[i % TYPES.length]!.slice(1)} number ${i} on ${SUBJECTS[i % SUBJECTS.length]!.toLowerCase()}`,
      DATES(i),
      `Report ${i}: ${PARAGRAPH}`,
      `${PARAGRAPH}\n\n${PARAGRAPH} Item ${i}.\n\n${PARAGRAPH}`,
      ["ru", "ko", "zh", "en"][i % 4]!,
      TYPES[i % TYPES.length]!,
      "Generated State Archive",
      `fond ${i % 50}, opis ${i % 7}, delo ${i}`,
      people,
      PLACES[i % PLACES.length]!,
      SUBJECTS[i % SUBJECTS.length]!,
      `Bench collection ${i % 20}`,
    ]
      .map(quote)
      .join(",");
    if (!out.write(line + "\n")) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  out.end();
  await finished(out);
}

async function writeTei(file: string) {
  const out = createWriteStream(file);
  out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus-bench-v01">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations of the Bench Archive, Volume I</title></titleStmt><publicationStmt><idno type="frus">frus-bench-v01</idno></publicationStmt></fileDesc></teiHeader>
<text><front><div type="section" xml:id="terms"><list>`);
  for (let t = 0; t < 100; t++) out.write(`<item><hi rend="strong"><term xml:id="t_${t}">T${t}</term>,</hi> Term number ${t}</item>\n`);
  out.write(`</list></div><div type="section" xml:id="persons"><list>`);
  for (let p = 0; p < 300; p++) out.write(`<item><hi rend="strong"><persName xml:id="p_${p}">${FAMILY[p % FAMILY.length]}, ${GIVEN[p % GIVEN.length]} ${p}</persName>,</hi> an official, number ${p}</item>\n`);
  out.write(`</list></div></front><body><div type="chapter" xml:id="ch1"><head>Chapter</head>\n`);
  for (let d = 1; d <= DOCS; d++) {
    const date = `19${60 + (d % 20)}-${String(1 + (d % 12)).padStart(2, "0")}-${String(1 + (d % 28)).padStart(2, "0")}`;
    const paragraphs = Array.from({ length: 8 }, (_, k) => `<p>Paragraph ${k} of document ${d}: <persName corresp="#p_${(d * 3 + k) % 300}">${FAMILY[(d + k) % FAMILY.length]}</persName> discussed the <gloss target="#t_${(d + k) % 100}">T${(d + k) % 100}</gloss> with officials in <placeName>${PLACES[(d + k) % PLACES.length]}</placeName>. ${PARAGRAPH}</p>`).join("\n");
    out.write(`<div type="document" n="${d}" xml:id="d${d}" frus:doc-dateTime-min="${date}T00:00:00-05:00" frus:doc-dateTime-max="${date}T23:59:59-05:00">
<head>${d}. Telegram From the Embassy in ${PLACES[d % PLACES.length]} to the Department of State<note n="1" xml:id="d${d}fn1" type="source">Source: National Archives, RG 59, Central Files, box ${d}. Secret.</note></head>
<opener><dateline><placeName>${PLACES[d % PLACES.length]}</placeName>, <date when="${date}">${date}</date>.</dateline></opener>
${paragraphs}
</div>\n`);
  }
  out.write(`</div></body></text></TEI>\n`);
  out.end();
  await finished(out);
}

/**
 * The worker as production runs it (`npm run worker`: search sync and import jobs, with its heap
 * budget), as a child process; its peak resident memory is the kernel's high-water mark.
 */
async function startWorker(url: string) {
  const child = spawn(process.execPath, workerArgs(), { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => String(chunk).includes("Worker running") && resolve());
    child.on("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  return {
    async peakMb() {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
      return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Waits for `check`, asking every `everyMs` (the benchmark's own queries compete with the work it times). */
async function until(check: () => Promise<boolean>, everyMs = 25) {
  while (!(await check())) await new Promise((r) => setTimeout(r, everyMs));
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-import-files-"));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-import-"));
  const cluster = await startEmbeddedDb({ dataDir, port: await freePort(), database: "bench", persistent: false });
  const lines: string[] = [];
  try {
    await prepareDatabase(cluster.url, { demo: true, quiet: true });
    process.env.DATABASE_URL = cluster.url;
    const { db } = await import("../../server/db");
    const { loadSessionUser } = await import("../../server/auth/session-user");
    const imports = await import("../../server/imports/imports");
    const { csvMappingSchema } = await import("../../server/imports/mapping");
    const { createUser } = await import("../../server/users/users");
    const make = async (role: "editor" | "reviewer") => {
      const u = await createUser(db, { email: `bench-${role}@example.test`, name: `Bench ${role}`, password: "bench password long enough", role });
      const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
      return (await loadSessionUser({ uid: row.id, sv: row.sessionVersion, sid: "bench" }))!;
    };
    const editor = await make("editor");
    const reviewer = await make("reviewer");

    async function measure(kind: string, file: string, units: string) {
      const bytes = (await stat(file)).size;
      console.log(`${kind}: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
      // Upload to a checked change set: the upload as the web app receives it, the dry run in the worker.
      let worker = await startWorker(cluster.url);
      const started = performance.now();
      const created = await imports.uploadImport(db, { author: editor, fileName: path.basename(file), body: createReadStream(file), maxBytes: 1024 ** 3 });
      const uploadedMs = performance.now() - started;
      if (created.format === "csv") {
        const step = await imports.csvMappingStep(db, editor, created.id);
        await imports.startDryRun(db, { author: editor, id: created.id, mapping: csvMappingSchema.parse({ columns: step.suggested, defaults: { originalLanguage: "en" } }) });
      }
      await until(async () => ["validated", "failed"].includes((await db.import.findUniqueOrThrow({ where: { id: created.id } })).status));
      const check = { ms: performance.now() - started, uploadedMs, peakMb: await worker.peakMb() };
      await worker.stop();
      const imp = await db.import.findUniqueOrThrow({ where: { id: created.id } });
      const summary = imports.dryRunSummary(imp.summary)!;
      if (imp.status !== "validated") throw new Error(`${kind}: ${imp.status} ${imp.error}`);
      if (values["check-only"]) {
        console.log(`  checked ${summary.rows} ${units} in ${(check.ms / 1000).toFixed(1)} s (upload ${(check.uploadedMs / 1000).toFixed(1)} s), worker peak ${check.peakMb.toFixed(0)} MB`);
        return { rows: summary.rows, checkRate: summary.rows / (check.ms / 1000), publishRate: 0, peak: check.peakMb, indexed: 0 };
      }
      const { version } = await imports.submitImport(db, { author: editor, id: imp.id, message: "bench" });
      // Approval to searchable: the worker publishes in batches and its sync indexes each one
      // (woken by its commit) while the next is published, as in production.
      worker = await startWorker(cluster.url);
      const approvedAt = performance.now();
      await imports.approveImport(db, { reviewer, id: imp.id, expectedVersion: version, leaveOut: [] });
      await until(async () => (await db.import.findUniqueOrThrow({ where: { id: imp.id } })).status === "approved");
      const publishedMs = performance.now() - approvedAt;
      // Counting the outbox walks every pending row: asked four times a second, not forty.
      await until(async () => (await db.searchOutbox.count({ where: { processedAt: null } })) === 0, 250);
      const approval = { publishedMs, ms: performance.now() - approvedAt, peakMb: await worker.peakMb() };
      await worker.stop();
      const published = await db.importItem.count({ where: { importId: imp.id, state: "published" } });
      const indexed = await db.searchDocument.count();
      const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");
      console.log(`  checked ${summary.rows} ${units} in ${(check.ms / 1000).toFixed(1)} s; published ${published} in ${(approval.publishedMs / 1000).toFixed(1)} s, searchable after ${(approval.ms / 1000).toFixed(1)} s`);
      lines.push(
        `| ${kind} | ${(bytes / 1024 / 1024).toFixed(1)} MB, ${summary.rows.toLocaleString("en")} ${units} | ${(check.uploadedMs / 1000).toFixed(1)} s | ${(check.ms / 1000).toFixed(1)} s | **${rate(summary.rows, check.ms)}** | ${check.peakMb.toFixed(0)} MB | ${(approval.publishedMs / 1000).toFixed(1)} s | ${(approval.ms / 1000).toFixed(1)} s | **${rate(published, approval.ms)}** | ${approval.peakMb.toFixed(0)} MB |`,
      );
      return { rows: summary.rows, checkRate: summary.rows / (check.ms / 1000), publishRate: published / (approval.ms / 1000), peak: Math.max(check.peakMb, approval.peakMb), indexed };
    }

    const csvFile = path.join(dir, "bench.csv");
    const teiFile = path.join(dir, "frus-bench.xml");
    await writeCsv(csvFile);
    await writeTei(teiFile);
    const csv = await measure("CSV", csvFile, "rows");
    const tei = await measure("TEI (FRUS shape)", teiFile, "documents");
    await db.$disconnect();

    const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
    const section = `## bench:import (${new Date().toISOString().slice(0, 10)})

Machine: ${machine()}. A throw-away embedded PostgreSQL with the demo archive. The jobs run in
the worker as production runs it (\`npm run worker\`: import jobs and search sync in one process,
V8 heap budget ${WORKER_HEAP_MB} MB), started fresh for each stage; "peak memory" is that
process's peak resident memory (the kernel's high-water mark, VmHWM). "Checked": from the first
byte uploaded (as the web app receives it) to a checked change set (dry run with entity
matching, items stored). "Searchable": from the approval to every record published (batches of
500 per transaction) and indexed by the PostgreSQL engine through the outbox (the worker's sync
indexes a batch while the next one is published).
Generated files: the CSV has 13 columns (two people, a place, a subject and a collection per
row from pools of 3,000 people, 15 places, 8 subjects, 20 collections; five date forms); the TEI
volume has a persons list of 300, a terms list of 100, and per document a source note, a
dateline and eight paragraphs with people, terms and places.

| file | size | upload | checked | rows/s | peak memory | published | searchable | records/s | peak memory |
|---|---|---|---|---|---|---|---|---|---|
${lines.join("\n")}

- Targets: >= 5,000 rows/s to a checked change set: ${verdict(csv.checkRate >= 5000)} (${Math.round(csv.checkRate).toLocaleString("en")}); >= 1,000 records/s approved and indexed: ${verdict(csv.publishRate >= 1000)} (${Math.round(csv.publishRate).toLocaleString("en")}); peak memory under 500 MB for the ${csv.rows.toLocaleString("en")}-row file: ${verdict(csv.peak < 500)} (${csv.peak.toFixed(0)} MB). TEI: ${Math.round(tei.checkRate).toLocaleString("en")} documents/s checked, ${Math.round(tei.publishRate).toLocaleString("en")} records/s searchable.
`;
    console.log(section);
    if (!values.dry) await writeSection("bench:import", section);
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
