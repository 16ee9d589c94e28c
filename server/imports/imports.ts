// An import's life, as its author and reviewers drive it: upload, column mapping (CSV), the dry
// run, submission as one change set, the decision, and undo. Each step is a conditional update on
// the import's status (two people acting at once cannot both win) with its audit event; the long
// stages are left to the worker (jobs.ts), which the status alone tells what to do.
import { recordAuditEvent } from "../audit/audit";
import { hasRole } from "../auth/roles";
import type { SessionUser } from "../auth/session-user";
import type { Db, DbOrTx } from "../db";
import { badInput, conflict, DomainError, notFound } from "../errors";
import type { ImportFormat, ImportStatus, Prisma } from "../generated/prisma/client";
import { detectFormat, readStoredFile, storeFile } from "./files";
import { BACKGROUND_STAGES, wakeImportWorker } from "./jobs";
import { previewCsv } from "./formats/csv";
import { type CsvMapping, csvMappingSchema, guessColumns } from "./mapping";
import { UnreadableFile } from "./row";
import type { DryRunSummary } from "./validate";

type Actor = Pick<SessionUser, "id" | "role" | "trusted">;

/** The largest file one import takes (IMPORT_MAX_BYTES overrides it). */
export const DEFAULT_MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const STATUS_WORDS: Record<ImportStatus, string> = {
  receiving: "is still being uploaded",
  uploaded: "is waiting for its column mapping",
  validating: "is being checked",
  validated: "has been checked and waits to be submitted",
  failed: "could not be read",
  submitted: "is waiting for review",
  approving: "is being published",
  approved: "was approved and published",
  rejected: "was rejected",
  undoing: "is being undone",
  undone: "was undone",
  discarded: "was discarded",
};

/** Who may see an import: its author always; reviewers and admins once it was submitted. */
export function importVisibleTo(imp: { authorId: string; changeRequestId: number | null }, user: Pick<SessionUser, "id" | "role">) {
  return imp.authorId === user.id || (hasRole(user, "reviewer") && imp.changeRequestId !== null);
}

async function load(db: DbOrTx, id: number, user: Pick<SessionUser, "id" | "role">) {
  const imp = await db.import.findUnique({ where: { id } });
  if (!imp || !importVisibleTo(imp, user)) throw notFound(`Import ${id}`);
  return imp;
}

/** Moves an import from one of `from` to `to`, or says why it cannot. */
async function move(tx: DbOrTx, id: number, from: ImportStatus[], to: ImportStatus, data: Prisma.ImportUpdateManyMutationInput = {}) {
  const moved = await tx.import.updateMany({ where: { id, status: { in: from } }, data: { ...data, status: to } });
  if (moved.count === 1) {
    if (BACKGROUND_STAGES.includes(to)) await wakeImportWorker(tx);
    return;
  }
  const imp = await tx.import.findUnique({ where: { id }, select: { status: true, undoneAt: true } });
  if (!imp) throw notFound(`Import ${id}`);
  if (to === "undoing" && (imp.status === "undone" || imp.status === "undoing")) {
    throw conflict(`Import ${id} ${STATUS_WORDS[imp.status]}${imp.undoneAt ? ` on ${imp.undoneAt.toISOString().slice(0, 10)}` : ""}. An undo cannot be undone: upload the file again to import it again.`);
  }
  throw conflict(`Import ${id} ${STATUS_WORDS[imp.status]}; it cannot be changed that way now.`);
}

// ---------------------------------------------------------------------------------------------
// Upload and dry run (the author)
// ---------------------------------------------------------------------------------------------

export interface UploadInput {
  author: Actor;
  fileName: string;
  body: AsyncIterable<Uint8Array>;
  maxBytes: number;
  /** As the uploader says; otherwise from the file name and its first bytes. */
  format?: ImportFormat;
}

/**
 * Stores an uploaded file as a new import. JSON Lines and TEI go straight to their dry run; a
 * CSV waits for its column mapping. A file uploaded before is pointed out, not refused (the
 * report says which import had it).
 */
export async function uploadImport(db: Db, input: UploadInput) {
  const fileName = input.fileName.replace(/[\\/]/g, "_").replace(/\s+/g, " ").trim().slice(0, 200) || "upload";
  // The file arrives outside any transaction, a slice per statement (one transaction would hold
  // every slice it sent until its end); an upload that breaks off is deleted with its slices.
  const created = await db.import.create({ data: { format: input.format ?? "csv", fileName, fileSize: 0, fileSha256: "", authorId: input.author.id }, select: { id: true } });
  let stored: Awaited<ReturnType<typeof storeFile>>;
  try {
    stored = await storeFile(db, created.id, input.body, input.maxBytes);
  } catch (error) {
    await db.import.delete({ where: { id: created.id } });
    throw error;
  }
  const { size, sha256, head } = stored;
  return db.$transaction(async (tx) => {
    const format = input.format ?? detectFormat(fileName, head);
    const earlier = await tx.import.findMany({
      where: { fileSha256: sha256, id: { not: created.id }, status: { notIn: ["discarded", "receiving"] } },
      orderBy: { id: "desc" },
      take: 5,
      select: { id: true, status: true, createdAt: true },
    });
    const summary = earlier.length ? { uploadedBefore: earlier.map((e) => ({ id: e.id, status: e.status, at: e.createdAt.toISOString() })) } : {};
    const imp = await tx.import.update({
      where: { id: created.id },
      data: { format, fileSize: size, fileSha256: sha256, status: format === "csv" ? "uploaded" : "validating", summary, stageStartedAt: new Date() },
      select: { id: true, status: true, format: true, fileName: true, fileSize: true },
    });
    await recordAuditEvent(tx, { actorId: input.author.id, action: "import.upload", subjectType: "import", subjectId: imp.id, payload: { fileName, size, format } });
    if (imp.status === "validating") await wakeImportWorker(tx);
    return { ...imp, uploadedBefore: earlier.map((e) => e.id) };
  });
}

/** What the column-mapping step shows: headers, the first rows, a suggested or saved mapping. */
export async function csvMappingStep(db: Db, user: Actor, id: number, options: { encoding?: CsvMapping["encoding"]; delimiter?: CsvMapping["delimiter"] } = {}) {
  const imp = await load(db, id, user);
  if (imp.format !== "csv") throw badInput(`Import ${id} is not a CSV file; it needs no column mapping.`);
  let preview;
  try {
    preview = await previewCsv(readStoredFile(db, id), options);
  } catch (error) {
    if (error instanceof UnreadableFile) throw badInput(error.message);
    throw error;
  }
  const saved = await db.importMapping.findMany({ orderBy: { updatedAt: "desc" }, take: 50, select: { id: true, name: true, mapping: true } });
  const current = imp.mapping ? csvMappingSchema.safeParse(imp.mapping) : null;
  // A saved mapping made for these very headers is offered first.
  const fitting = saved.find((m) => {
    const parsed = csvMappingSchema.safeParse(m.mapping);
    return parsed.success && parsed.data.columns.every((c) => c.target === "ignore" || preview.headers.includes(c.header));
  });
  return {
    ...preview,
    suggested: current?.success ? current.data.columns : guessColumns(preview.headers),
    savedMappings: saved.map((m) => ({ id: m.id, name: m.name, fits: m.id === fitting?.id, mapping: csvMappingSchema.safeParse(m.mapping).data ?? null })),
  };
}

/**
 * Starts (or starts again) the dry run: with a CSV's mapping, optionally saved by name for the
 * next file. Allowed until the import is submitted.
 */
export async function startDryRun(db: Db, input: { author: Actor; id: number; mapping?: CsvMapping; saveMappingAs?: string; allOrNothing?: boolean }) {
  return db.$transaction(async (tx) => {
    const imp = await load(tx, input.id, input.author);
    if (imp.authorId !== input.author.id) throw notFound(`Import ${input.id}`);
    if (imp.format === "csv" && !input.mapping) throw badInput("Map the columns first.", "mapping");
    if (input.saveMappingAs) {
      const name = input.saveMappingAs.trim().slice(0, 100);
      await tx.importMapping.upsert({
        where: { name },
        create: { name, mapping: input.mapping as unknown as Prisma.InputJsonValue, createdById: input.author.id },
        update: { mapping: input.mapping as unknown as Prisma.InputJsonValue },
      });
    }
    await move(tx, input.id, ["uploaded", "validated", "failed"], "validating", {
      ...(input.mapping ? { mapping: input.mapping as unknown as Prisma.InputJsonValue } : {}),
      ...(input.allOrNothing !== undefined ? { allOrNothing: input.allOrNothing } : {}),
      progressDone: 0,
      progressTotal: imp.fileSize,
      stageStartedAt: new Date(),
      heartbeatAt: null,
      error: null,
    });
    return { id: input.id, status: "validating" as const };
  });
}

/** The dry run's counts (null before it finished). */
export function dryRunSummary(summary: unknown): DryRunSummary | null {
  return ((summary as { dryRun?: DryRunSummary } | null)?.dryRun ?? null) as DryRunSummary | null;
}

/**
 * Submits a checked import for review as one change request. Rows with errors are left out,
 * unless the author asked for all or nothing: then any error stops the submission.
 */
export async function submitImport(db: Db, input: { author: Actor; id: number; message: string; allOrNothing?: boolean }) {
  const submitted = await db.$transaction(async (tx) => {
    const imp = await load(tx, input.id, input.author);
    if (imp.authorId !== input.author.id) throw notFound(`Import ${input.id}`);
    if (imp.status !== "validated") throw conflict(`Import ${input.id} ${STATUS_WORDS[imp.status]}; only a checked import can be submitted.`);
    const summary = dryRunSummary(imp.summary)!;
    const allOrNothing = input.allOrNothing ?? imp.allOrNothing;
    if (allOrNothing && summary.withErrors > 0) {
      throw badInput(`${summary.withErrors} row${summary.withErrors === 1 ? " has" : "s have"} errors, and you asked for all or nothing. Fix the file and check it again, or allow rows with errors to be skipped.`);
    }
    if (summary.create + summary.update === 0) throw badInput("Nothing in this file would change the archive, so there is nothing to submit.");
    const title = `Import of ${imp.fileName}: ${summary.create} new, ${summary.update} updated${summary.entities.created ? `, ${summary.entities.created} new entities` : ""}`;
    const request = await tx.changeRequest.create({
      data: {
        kind: "import_batch",
        state: "pending",
        proposed: { importId: imp.id, title, fileName: imp.fileName, summary } as unknown as Prisma.InputJsonValue,
        message: input.message,
        authorId: input.author.id,
        submittedAt: new Date(),
      },
      select: { id: true, version: true },
    });
    await move(tx, input.id, ["validated"], "submitted", { allOrNothing });
    await tx.import.update({ where: { id: input.id }, data: { changeRequestId: request.id } });
    await recordAuditEvent(tx, { actorId: input.author.id, action: "import.submit", subjectType: "import", subjectId: input.id, payload: { changeRequestId: request.id } });
    return { id: input.id, changeRequestId: request.id, version: request.version };
  });
  if (!input.author.trusted) return { ...submitted, status: "submitted" as const };
  // A trusted editor's import is approved as they submit it, as their single changes are.
  await approveImport(db, { reviewer: input.author, id: input.id, expectedVersion: submitted.version, leaveOut: [], automatic: true });
  return { ...submitted, status: "approving" as const };
}

/** Drops an import before review: its file and checks are deleted. */
export async function discardImport(db: Db, input: { author: Actor; id: number }) {
  return db.$transaction(async (tx) => {
    const imp = await load(tx, input.id, input.author);
    if (imp.authorId !== input.author.id) throw notFound(`Import ${input.id}`);
    await move(tx, input.id, ["uploaded", "validated", "failed"], "discarded");
    await tx.importChunk.deleteMany({ where: { importId: input.id } });
    await tx.importItem.deleteMany({ where: { importId: input.id } });
    await tx.importReference.deleteMany({ where: { importId: input.id } });
    await recordAuditEvent(tx, { actorId: input.author.id, action: "import.discard", subjectType: "import", subjectId: input.id });
    return { id: input.id, status: "discarded" as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Decision (reviewers) and undo
// ---------------------------------------------------------------------------------------------

/** The import a change request of kind import_batch stands for. */
async function importOfRequest(tx: DbOrTx, id: number) {
  const imp = await tx.import.findUnique({ where: { id }, select: { id: true, authorId: true, changeRequestId: true, changeRequest: { select: { version: true, state: true } } } });
  if (!imp || imp.changeRequestId === null || !imp.changeRequest) throw notFound(`Import ${id}`);
  return imp as typeof imp & { changeRequestId: number; changeRequest: { version: number; state: string } };
}

/**
 * Approves an import's change set, all of it or all but the items left out; publication runs in
 * the background, in batches. The change request's version guards against a second reviewer.
 */
export async function approveImport(db: Db, input: { reviewer: Pick<SessionUser, "id" | "trusted">; id: number; expectedVersion: number; leaveOut: number[]; automatic?: boolean }) {
  return db.$transaction(async (tx) => {
    const imp = await importOfRequest(tx, input.id);
    if (imp.authorId === input.reviewer.id && !input.reviewer.trusted) {
      throw new DomainError("FORBIDDEN", "You cannot approve your own import; another reviewer must.");
    }
    const claimed = await tx.changeRequest.updateMany({
      where: { id: imp.changeRequestId, state: "pending", version: input.expectedVersion },
      data: { state: "approved", reviewerId: input.reviewer.id, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (claimed.count !== 1) throw conflict(`Import ${input.id} was decided or changed by someone else since you opened it. Reload to see where it stands.`);
    const leaveOut = [...new Set(input.leaveOut)];
    if (leaveOut.length) await tx.importItem.updateMany({ where: { importId: input.id, seq: { in: leaveOut }, state: "pending" }, data: { state: "left_out" } });
    const total = await tx.importItem.count({ where: { importId: input.id, state: "pending" } });
    await move(tx, input.id, ["submitted"], "approving", { leftOut: leaveOut, progressDone: 0, progressTotal: total, stageStartedAt: new Date(), heartbeatAt: null });
    await recordAuditEvent(tx, {
      actorId: input.reviewer.id,
      action: "import.approve",
      subjectType: "import",
      subjectId: input.id,
      payload: { changeRequestId: imp.changeRequestId, leftOut: leaveOut.length, automatic: input.automatic ?? false },
    });
    return { id: input.id, status: "approving" as const, items: total };
  });
}

export async function rejectImport(db: Db, input: { reviewer: Pick<SessionUser, "id">; id: number; expectedVersion: number; reason: string }) {
  return db.$transaction(async (tx) => {
    const imp = await importOfRequest(tx, input.id);
    const decided = await tx.changeRequest.updateMany({
      where: { id: imp.changeRequestId, state: "pending", version: input.expectedVersion },
      data: { state: "rejected", reason: input.reason, reviewerId: input.reviewer.id, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (decided.count !== 1) throw conflict(`Import ${input.id} was decided or changed by someone else since you opened it. Reload to see where it stands.`);
    await tx.changeRequestComment.create({ data: { changeRequestId: imp.changeRequestId, authorId: input.reviewer.id, body: input.reason } });
    await move(tx, input.id, ["submitted"], "rejected");
    await recordAuditEvent(tx, { actorId: input.reviewer.id, action: "import.reject", subjectType: "import", subjectId: input.id, payload: { reason: input.reason } });
    return { id: input.id, status: "rejected" as const };
  });
}

/** Undoes a published import (its author, or any reviewer or admin); the work runs in the background. */
export async function undoImport(db: Db, input: { actor: Actor; id: number }) {
  return db.$transaction(async (tx) => {
    const imp = await load(tx, input.id, input.actor);
    if (imp.authorId !== input.actor.id && !hasRole(input.actor, "reviewer")) throw new DomainError("FORBIDDEN", "Only the import's author or a reviewer can undo it.");
    const total = await tx.importItem.count({ where: { importId: input.id, state: "published" } });
    await move(tx, input.id, ["approved"], "undoing", { undoneById: input.actor.id, progressDone: 0, progressTotal: total, stageStartedAt: new Date(), heartbeatAt: null });
    await recordAuditEvent(tx, { actorId: input.actor.id, action: "import.undo", subjectType: "import", subjectId: input.id });
    return { id: input.id, status: "undoing" as const, items: total };
  });
}
