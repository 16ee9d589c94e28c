// What /api/health reports: can we reach the database, and the search engine in use.
import { db } from "./db";
import { getSearchEngine } from "./search";
import type { SearchEngine } from "./search/engine";

// Anyone may read it: it says ok or error and how long the check took; why a check failed (a
// driver's message, with host names and users) goes to the server log only.

type Check = { status: "ok" | "error"; latencyMs?: number };

async function timed(what: string, work: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await work();
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    console.error(`health: ${what} check failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return { status: "error" };
  }
}

export async function checkHealth(engine: Pick<SearchEngine, "name" | "health"> = getSearchEngine()) {
  const database = await timed("database", () => db.$queryRaw`SELECT 1`);
  const search = {
    engine: engine.name,
    ...(await timed("search engine", async () => {
      const health = await engine.health();
      if (!health.ok) throw new Error(health.detail ?? "unavailable");
    })),
  };
  const status = database.status === "ok" && search.status === "ok" ? "ok" : "degraded";
  return { status, database, search, time: new Date().toISOString() };
}
