// What /api/health reports: can we reach the database, and which search engine serves search.
import { db } from "./db";
import { env } from "./env";

type Check = { status: "ok" | "error"; latencyMs?: number; error?: string; engine?: string; url?: string };

async function timed(work: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await work();
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "error", error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

export async function checkHealth() {
  const database = await timed(() => db.$queryRaw`SELECT 1`);
  let search: Check;
  if (env.MEILI_URL) {
    const url = env.MEILI_URL;
    search = { engine: "meilisearch", url, ...(await timed(async () => {
      const response = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) throw new Error(`Meilisearch answered ${response.status}`);
    })) };
  } else {
    // The built-in engine is PostgreSQL full-text search: healthy when the database is.
    search = { engine: "postgres", status: database.status };
  }
  const status = database.status === "ok" && search.status === "ok" ? "ok" : "degraded";
  return { status, database, search, time: new Date().toISOString() };
}
