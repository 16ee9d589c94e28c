// The import stages that run in the background (the dry run, publication, undo), as jobs the
// worker claims: a job is an import in one of those states whose heartbeat is fresh while a
// worker holds it. A worker killed mid-way (a restart, kill -9) stops beating; a minute later
// the next worker claims the job again and resumes it: the dry run starts over (it stored
// nothing in the archive), publication and undo go on from the first item not yet done.
import { recordAuditEvent } from "../audit/audit";
import type { Db, DbOrTx } from "../db";
import { listenForNotifications } from "../db-listen";
import type { ImportStatus, Prisma } from "../generated/prisma/client";
import { finishUndo, undoNextBatch } from "./undo";
import { publishPending } from "./publish";
import { UnreadableFile } from "./row";
import { dryRun } from "./validate";

/** The channel a queued job is announced on (wakeImportWorker), heard by startImportWorker. */
export const IMPORT_JOBS_CHANNEL = "dossier_import_jobs";

/** Wakes the import worker when the transaction commits (NOTIFY is transactional). */
export async function wakeImportWorker(tx: DbOrTx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${IMPORT_JOBS_CHANNEL}, '')`;
}

/** A job whose worker has not beaten for this long is taken to be dead. */
export const STALE_AFTER_SECONDS = 60;
/** The statuses whose work the worker does. */
export const BACKGROUND_STAGES: readonly ImportStatus[] = ["validating", "approving", "undoing"];

/** Claims one background job (oldest first), or null. Safe with any number of workers. */
export async function claimImportJob(db: Db): Promise<{ id: number; status: ImportStatus } | null> {
  const rows = await db.$queryRaw<{ id: number; status: ImportStatus }[]>`
    UPDATE imports SET heartbeat_at = now(), updated_at = now()
    WHERE id = (
      SELECT id FROM imports
      WHERE status::text = ANY(${BACKGROUND_STAGES}::text[])
        AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, status::text AS status`;
  return rows[0] ?? null;
}

const beat = (db: Db, id: number, data: Prisma.ImportUpdateInput = {}) => db.import.update({ where: { id }, data: { ...data, heartbeatAt: new Date() } });

/** Runs a claimed job to its end. */
export async function runImportJob(db: Db, id: number): Promise<void> {
  const imp = await db.import.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, format: true, mapping: true, authorId: true, fileName: true, summary: true, undoneById: true, changeRequest: { select: { reviewerId: true } } },
  });
  const job = { id: imp.id, authorId: imp.authorId, fileName: imp.fileName };
  const summary = (imp.summary ?? {}) as Record<string, unknown>;

  if (imp.status === "validating") {
    try {
      const result = await dryRun(db, imp, (bytes) => beat(db, id, { progressDone: bytes }).then(() => undefined));
      await db.$transaction(async (tx) => {
        await tx.import.update({
          where: { id },
          data: { status: "validated", summary: { ...summary, dryRun: result } as unknown as Prisma.InputJsonValue, progressDone: result.rows, progressTotal: result.rows, heartbeatAt: null, error: null },
        });
        await recordAuditEvent(tx, { actorId: imp.authorId, action: "import.check", subjectType: "import", subjectId: id, payload: { rows: result.rows, create: result.create, update: result.update, withErrors: result.withErrors } });
      });
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      await db.$transaction(async (tx) => {
        await tx.importItem.deleteMany({ where: { importId: id } });
        await tx.importReference.deleteMany({ where: { importId: id } });
        await tx.import.update({ where: { id }, data: { status: "failed", error: error.message, heartbeatAt: null } });
        await recordAuditEvent(tx, { actorId: imp.authorId, action: "import.fail", subjectType: "import", subjectId: id, payload: { error: error.message } });
      });
    }
    return;
  }

  if (imp.status === "approving") {
    await publishPending(db, job);
    const counts = await db.importItem.groupBy({ by: ["state"], where: { importId: id }, _count: true });
    const count = (state: string) => counts.find((c) => c.state === state)?._count ?? 0;
    const published = { published: count("published"), conflicts: count("conflict"), leftOut: count("left_out") };
    await db.$transaction(async (tx) => {
      await tx.import.update({ where: { id }, data: { status: "approved", summary: { ...summary, published } as unknown as Prisma.InputJsonValue, heartbeatAt: null, error: null } });
      await recordAuditEvent(tx, { actorId: imp.changeRequest?.reviewerId ?? null, action: "import.publish", subjectType: "import", subjectId: id, payload: published });
    });
    return;
  }

  if (imp.status === "undoing") {
    const actorId = imp.undoneById ?? imp.authorId;
    for (let batch = await undoNextBatch(db, job, actorId); batch.count > 0; batch = await undoNextBatch(db, job, actorId, batch.lastSeq));
    const undo = await finishUndo(db, job, actorId);
    await db.$transaction(async (tx) => {
      await tx.import.update({ where: { id }, data: { status: "undone", undoneAt: new Date(), summary: { ...summary, undo } as unknown as Prisma.InputJsonValue, heartbeatAt: null, error: null } });
      await recordAuditEvent(tx, { actorId, action: "import.undone", subjectType: "import", subjectId: id, payload: { ...undo } });
    });
  }
}

/** Runs every job that can be claimed now, one after another (tests and the command line). */
export async function runPendingImportJobs(db: Db): Promise<number> {
  let ran = 0;
  for (let job = await claimImportJob(db); job; job = await claimImportJob(db)) {
    await runImportJob(db, job.id);
    ran++;
  }
  return ran;
}

/**
 * The worker's import loop: claims and runs jobs, woken by a notification the moment a job is
 * queued (when `databaseUrl` is given) and polling every `pollMs` besides (stale jobs, a lost
 * listener). An unexpected error is logged and kept on the import; its job is tried again once
 * its heartbeat is stale.
 */
export function startImportWorker({ db, databaseUrl, pollMs = 1_000, log = console.log }: { db: Db; databaseUrl?: string; pollMs?: number; log?: (message: string) => void }) {
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;
  async function runJobs() {
    for (let job = await claimImportJob(db); job && !stopped; job = await claimImportJob(db)) {
      log(`import ${job.id}: ${job.status}`);
      try {
        await runImportJob(db, job.id);
      } catch (error) {
        log(`import ${job.id}: ${job.status} failed: ${(error as Error).message}`);
        await db.import.update({ where: { id: job.id }, data: { error: `The ${job.status} stage stopped on a server error; it will be retried.` } }).catch(() => undefined);
      }
    }
  }
  async function tick() {
    if (stopped) return;
    if (running) {
      again = true; // woken mid-run: look once more when this run ends
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runJobs();
        } while (again && !stopped);
      } catch (error) {
        log(`import jobs: ${(error as Error).message}`);
      } finally {
        running = undefined;
      }
    })();
    await running;
  }
  const timer = setInterval(() => void tick(), pollMs);
  const listener = databaseUrl ? listenForNotifications({ databaseUrl, channel: IMPORT_JOBS_CHANNEL, onNotify: () => void tick(), label: "import jobs", pollMs, log }) : undefined;
  void tick();
  return {
    ready: listener?.ready ?? Promise.resolve(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener?.stop();
      await running;
    },
  };
}
