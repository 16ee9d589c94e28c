// The one way in and out of the database: a Prisma client over node-postgres (driver adapter;
// Prisma 7's query compiler is WebAssembly, no native engine). One client per process.
import { PrismaPg } from "@prisma/adapter-pg";
import { createHash } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { env } from "./env";

/**
 * The pool under the client. Connections stay open for five minutes once opened (node-postgres
 * closes them after 10 s idle by default, and a new PostgreSQL backend spends ~40 ms warming its
 * caches on its first search), and the first four are kept for good.
 *
 * Its size is DATABASE_POOL_SIZE, or twice this machine's cores (at least 4), as PostgreSQL's
 * own guidance sizes a pool: more connections than the cores can serve only queue inside
 * PostgreSQL, and each backend maps the shared buffers it reads for itself (every buffer a
 * backend touches first is a page fault): under the search benchmark on two cores, a pool of 10
 * cost ~10% more CPU per search than a pool of 4 (docs/benchmarks.md).
 */
export function poolSize(configured: number | undefined, cores = os.availableParallelism()): number {
  return configured ?? Math.max(4, 2 * cores);
}

function createPool(url: string) {
  const max = poolSize(env.DATABASE_POOL_SIZE);
  // allowExitOnIdle: idle connections never keep a script's process alive.
  const pool = new pg.Pool({ ...connectionSettings(url), max, min: Math.min(4, max), idleTimeoutMillis: 300_000, allowExitOnIdle: true });
  // An idle connection dropped by the server (a restart, a terminated backend) must not crash
  // the process; the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`Database pool: idle connection lost: ${error.message}`));
  return pool;
}

/**
 * Settings of every connection, set when it starts (no extra query), added after any `options`
 * the URL already carries (node-postgres would otherwise let those replace ours):
 * - statements prepared by name (readRows) are planned afresh on every run, with their values, as
 *   unnamed ones are: a generic plan cannot know how common a searched word is;
 * - the session's time zone is UTC: the client writes `timestamp` columns in UTC, and SQL that
 *   compares them with now() or writes now() into them ("due now", "indexed at", an import's
 *   heartbeat) would otherwise read them in the server's zone: hours off outside UTC.
 */
function connectionSettings(url: string): { connectionString: string; options: string } {
  const setting = "-c plan_cache_mode=force_custom_plan -c TimeZone=UTC";
  try {
    const parsed = new URL(url);
    const own = parsed.searchParams.get("options");
    parsed.searchParams.delete("options");
    return { connectionString: parsed.toString(), options: own ? `${own} ${setting}` : setting };
  } catch {
    return { connectionString: url, options: setting };
  }
}

const pools = new WeakMap<object, pg.Pool>();

function createClient(url: string) {
  const pool = createPool(url);
  // $disconnect ends the pool (scripts exit); a later query makes Prisma open a pool of its own.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

export type Db = ReturnType<typeof createClient>;
/** The client or an interactive transaction's client: domain functions accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Rows of a read-only statement, straight through node-postgres on the client's own pool: for
 * the public search's hot path, where Prisma's per-statement work (~0.3 ms of CPU each, several
 * statements per search) was a fifth of the server's time. Same SQL templates (Prisma.sql), same
 * pool, same connections; anything that writes goes through Prisma. Each statement text is
 * prepared by name once per connection, so PostgreSQL parses it once, not on every search
 * (planning still happens on every run, see createPool). See ADR 0010.
 */
export async function readRows<T>(client: Db, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(client);
  if (!pool || pool.ending || pool.ended) return client.$queryRawUnsafe<T[]>(query.text, ...query.values);
  const result = await pool.query({ name: statementName(query.text), text: query.text, values: query.values as unknown[] });
  return result.rows as T[];
}

/**
 * A write of large values (an uploaded file's slices, a batch of import items) straight through
 * node-postgres on the client's own pool, outside any transaction. Through the client, each
 * such statement's parameters were serialized again as JSON and a megabyte-sized slice of an
 * upload stayed reachable long after its statement ended (a 100,000-row import held ~160 MB of
 * them). Returns the affected row count. See ADR 0013.
 */
export async function writeRows(client: Db, query: Prisma.Sql): Promise<number> {
  const pool = pools.get(client);
  if (!pool || pool.ending || pool.ended) return client.$executeRawUnsafe(query.text, ...query.values);
  const result = await pool.query({ text: query.text, values: query.values as unknown[] });
  return result.rowCount ?? 0;
}

/**
 * At most this many statement texts are prepared by name: each stays in every connection's
 * memory while the connection lives. The search's texts vary only with which filters are set
 * (a few dozen in practice); any past the limit run unnamed, as before.
 */
const PREPARED_TEXTS = 200;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < PREPARED_TEXTS) {
    name = `dossier_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

const globalForDb = globalThis as unknown as { dossierDb?: Db };

export const db: Db = globalForDb.dossierDb ?? createClient(env.DATABASE_URL ?? "");
if (env.NODE_ENV !== "production") globalForDb.dossierDb = db;

export { createClient as createDbClient };
