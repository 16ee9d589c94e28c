// Full rebuild of the search index from the database, then a reconcile for anything that changed
// while it ran. Used by `npm run search:rebuild` and the admin sync page.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import { buildSearchDocuments, type SearchDocument } from "./document";
import type { SearchEngine } from "./engine";
import { reconcile } from "./reconcile";

const BATCH = 500;

/** Published records, a batch at a time, in id order (keyset pagination: no OFFSET scans). */
async function* publishedDocuments(db: Db): AsyncGenerator<SearchDocument[]> {
  let after = 0;
  for (;;) {
    const ids = (
      await db.archivalRecord.findMany({ where: { status: "published", id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH, select: { id: true } })
    ).map((r) => r.id);
    if (ids.length === 0) return;
    after = ids.at(-1)!;
    yield [...(await buildSearchDocuments(db, ids)).values()];
  }
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
