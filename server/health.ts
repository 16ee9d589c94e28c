// What /api/health reports: can we reach the database, and the search engine in use.
import { db } from "./db";
import { getSearchEngine } from "./search";

type Check = { status: "ok" | "error"; latencyMs?: number; error?: string };

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
  const engine = getSearchEngine();
  const search = {
    engine: engine.name,
    ...(await timed(async () => {
      const health = await engine.health();
      if (!health.ok) throw new Error(health.detail ?? "unavailable");
    })),
  };
  const status = database.status === "ok" && search.status === "ok" ? "ok" : "degraded";
  return { status, database, search, time: new Date().toISOString() };
}
