// Child processes that stop with us: Ctrl-C or SIGTERM stops children, then runs cleanups.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];

export function onShutdown(cleanup: () => Promise<void>) {
  cleanups.push(cleanup);
}

/**
 * Each child gets its own process group, and is stopped as a group: `npx next dev` is a chain of
 * processes, and a SIGTERM to the first alone (a process manager, `docker stop`) would orphan
 * the server behind it.
 */
export function run(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", detached: true, ...options });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let stopping: Promise<never> | undefined;

/** Whether shutdown has begun (a child's exit is then expected, not a crash). */
export const isStopping = () => stopping !== undefined;

/** Stops children, runs cleanups once, exits. Concurrent callers share the same shutdown. */
export function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    // Nothing else may keep the process alive meanwhile (pools let scripts exit when idle).
    setInterval(() => undefined, 1_000);
    for (const child of children) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        child.kill("SIGTERM"); // the group is already gone
      }
    }
    await Promise.all([...children].map(waitForExit));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(signal === "SIGINT" ? 130 : 143));
}

/**
 * The worker's V8 heap budget, in MB: it works in bounded batches (search sync, import jobs), so
 * a bound makes it collect garbage early instead of growing to Node's default limit (a quarter
 * of the machine's memory). The same flag is in package.json's "worker" script.
 */
export const WORKER_HEAP_MB = 320;

/** Node's arguments to run the worker (search sync and import jobs). */
export const workerArgs = () => [`--max-old-space-size=${WORKER_HEAP_MB}`, "--import", "tsx", "scripts/worker.ts"];

/** The worker beside the app, unless DOSSIER_WORKER=0 (docker compose runs it apart). */
export function startWorkerBeside(databaseUrl: string) {
  if (process.env.DOSSIER_WORKER === "0") return;
  run(process.execPath, workerArgs(), { env: { ...process.env, DATABASE_URL: databaseUrl } });
}
