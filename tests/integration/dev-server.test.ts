// `npm run dev` as a developer uses it: starts, serves, stops cleanly on Ctrl-C (SIGINT to the
// whole process group, as a terminal sends it), and a second run finds the data of the first.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/embedded-db";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function startDev(env: Record<string, string>) {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/dev.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: "", NODE_ENV: "development" },
    detached: true, // its own process group, like a terminal session
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  // "close", not "exit": the last lines it printed may still be in the pipe when it exits.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, dev: { child: ChildProcess; output: () => string }, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && dev.child.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (dev.child.exitCode === null) process.kill(-dev.child.pid!, "SIGKILL");
  throw new Error(`npm run dev did not serve /api/health:\n${dev.output()}`);
}

function ctrlC(child: ChildProcess) {
  process.kill(-child.pid!, "SIGINT");
}

describe("npm run dev", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it("keeps the data between runs and stops cleanly on Ctrl-C", { timeout: 240_000 }, async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "dossier-devtest-"));
    await chmod(parent, 0o755); // as root, PostgreSQL runs as another user who must reach the directory
    dataDir = path.join(parent, "postgres");
    const env = { DOSSIER_DATA_DIR: dataDir, DOSSIER_DB_PORT: String(await freePort()), PORT: String(await freePort()) };
    const dbUrl = `postgresql://dossier:dossier@127.0.0.1:${env.DOSSIER_DB_PORT}/dossier`;

    const first = await startDev(env);
    await waitForHealth(Number(env.PORT), first);
    expect(first.output()).toContain("Seeded the demo archive");
    expect(first.output()).toContain("admin@dossier.test");
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query("INSERT INTO collections (slug, title, updated_at) VALUES ('kept-across-restarts', 'Kept', now())");
    await client.end();

    ctrlC(first.child);
    expect(await first.exited).not.toBeNull();
    expect(first.output()).toContain("Embedded PostgreSQL stopped");
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const second = await startDev(env);
    await waitForHealth(Number(env.PORT), second);
    expect(second.output()).not.toContain("Seeded the demo archive");
    const again = new pg.Client({ connectionString: dbUrl });
    await again.connect();
    const kept = await again.query("SELECT count(*)::int AS n FROM collections WHERE slug = 'kept-across-restarts'");
    const records = await again.query("SELECT count(*)::int AS n FROM records");
    await again.end();
    expect(kept.rows[0].n).toBe(1);
    expect(records.rows[0].n).toBe(9);
    ctrlC(second.child);
    await second.exited;
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  });
});
