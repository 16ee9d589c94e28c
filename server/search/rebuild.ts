// Full rebuild of the search index from the database, then a reconcile for anything that changed
// while it ran. Used by `npm run search:rebuild` and the admin sync page.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import { buildSearchDocuments, type SearchDocument } from "./document";
import type { SearchEngine } from "./engine";
import { reconcile } from "./reconcile";

const BATCH = 500;

/**
 * Published records, a batch at a time, in a shuffled but repeatable order. The PostgreSQL engine
 * estimates the facets of a huge result from its first matches in table order; written in this
 * order, those are a fair sample of the archive rather than its oldest records.
 */
async function* publishedDocuments(db: Db): AsyncGenerator<SearchDocument[]> {
  const ids = (await db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true } })).map((r) => r.id);
  ids.sort((a, b) => scramble(a) - scramble(b) || a - b);
  for (let i = 0; i < ids.length; i += BATCH) {
    yield [...(await buildSearchDocuments(db, ids.slice(i, i + BATCH))).values()];
  }
}

/** A fixed permutation of 32-bit integers (a multiplicative hash): shuffled, never random. */
function scramble(id: number): number {
  return Math.imul(id ^ (id >>> 16), 0x45d9f3b) >>> 0;
}

export interface RebuildProgress {
  state: "idle" | "running" | "done" | "failed";
  total: number;
  indexed: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export async function rebuildSearchIndex(
  db: Db,
  engine: SearchEngine,
  options: { actorId?: string | null; onProgress?: (indexed: number, total: number) => void } = {},
) {
  const started = Date.now();
  const total = await db.archivalRecord.count({ where: { status: "published" } });
  options.onProgress?.(0, total);
  await engine.configure();
  const indexed = await engine.rebuild(publishedDocuments(db), (n) => options.onProgress?.(n, total));
  const drift = await reconcile(db, engine);
  const result = { engine: engine.name, indexed, ms: Date.now() - started, driftAfter: { ...drift } };
  await recordAuditEvent(db, { actorId: options.actorId ?? null, action: "search.rebuild", subjectType: "search_index", subjectId: engine.name, payload: result });
  return result;
}
