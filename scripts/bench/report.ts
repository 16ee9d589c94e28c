// Shared by the benchmark scripts: quantiles, the machine line, and writing a section of
// docs/benchmarks.md (replacing the previous run's section of the same name).
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1)! };
}

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, embedded PostgreSQL 18`;

/** Replaces the `## <name>` section of docs/benchmarks.md with `section`. */
export async function writeSection(name: string, section: string) {
  const file = path.resolve(import.meta.dirname, "../../docs/benchmarks.md");
  const current = existsSync(file) ? await readFile(file, "utf8") : "# Benchmarks\n\n";
  const pattern = new RegExp(`## ${name}[\\s\\S]*?(?=\\n## |$)`);
  await writeFile(file, current.replace(pattern, "").trimEnd() + "\n\n" + section);
}
