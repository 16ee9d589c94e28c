// Shared by the benchmark scripts: quantiles, the machine line, and writing a section of
// docs/benchmarks.md (replacing the previous run's section of the same name).
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { run } from "../lib/processes";

export function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1)! };
}

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL 18`;

/**
 * Puts `section` (a run of bench `<name>`, headed `## <name> (<date>)`) in docs/benchmarks.md, in
 * the place of the previous run, which stays below it under "### Earlier runs" (its heading
 * "#### Run of <date>", its own sub-headings one level down), so runs can be compared.
 */
export async function writeSection(name: string, section: string, file = path.resolve(import.meta.dirname, "../../docs/benchmarks.md")) {
  const current = existsSync(file) ? await readFile(file, "utf8") : "# Benchmarks\n\n";
  const pattern = new RegExp(`## ${name}\\b[\\s\\S]*?(?=\\n## |$)`);
  const previous = current.match(pattern);
  if (!previous) {
    await writeFile(file, current.trimEnd() + "\n\n" + section.trimEnd() + "\n");
    return;
  }
  const [latest, ...older] = previous[0].split(/\n### Earlier runs\n/);
  const demoted = latest!
    .trimEnd()
    .replace(/^## [^\n]*?(?:\(([^)]*)\))?\n/, (_, date?: string) => `#### Run of ${date ?? "an earlier day"}\n`)
    .replace(/^### /gm, "#### ");
  const kept = `${section.trimEnd()}\n\n### Earlier runs\n\n${demoted}\n${older.length ? `\n${older.join("\n").trim()}\n` : ""}`;
  await writeFile(file, current.slice(0, previous.index) + kept + current.slice(previous.index! + previous[0].length));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A GET as a browser's search makes it (keep-alive, gzip accepted), timed to the last byte. The
 * body is not decompressed or parsed: that is the client's work, not the server's latency. The
 * load generator shares the machine's cores with the server, so it uses Node's plain HTTP client
 * rather than fetch (undici), which cost ~2 ms of CPU per request here.
 */
export function timedGet(url: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { "accept-encoding": "gzip" } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The production build the benchmarks serve: built first when there is none. */
export async function ensureProductionBuild() {
  if (existsSync(path.resolve(import.meta.dirname, "../../.next/BUILD_ID"))) return;
  console.log("Building the production app first (next build)…");
  await new Promise<void>((resolve, reject) =>
    run("npx", ["--no-install", "next", "build"], { env: { ...process.env, NODE_ENV: "production" } }).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("next build failed")))),
  );
}
