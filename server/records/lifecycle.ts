// Withdrawal, restoration and revert: admin and reviewer actions on a published record. Each is
// one transaction with a version check, an audit event and a search-outbox row.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import type { RecordStatus } from "../generated/prisma/enums";
import { enqueueRecordSync } from "../search/outbox";
import { revisionContentSelect, revisionToContent } from "./content";
import { publishRevision } from "./publish";

interface StatusChange {
  actorId: string;
  recordId: number;
  expectedVersion: number;
}

async function changeStatus(db: Db, input: StatusChange & { reason?: string }, from: RecordStatus, to: RecordStatus) {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.archivalRecord.updateMany({
      where: { id: input.recordId, status: from, version: input.expectedVersion },
      data:
        to === "withdrawn"
          ? { status: to, withdrawnAt: now, withdrawnReason: input.reason ?? "", version: { increment: 1 } }
          : { status: to, withdrawnAt: null, withdrawnReason: null, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const record = await tx.archivalRecord.findUnique({ where: { id: input.recordId }, select: { status: true } });
      if (!record) throw notFound(`Record ${input.recordId}`);
      if (record.status !== from) throw conflict(`Record ${input.recordId} is ${record.status}, not ${from}.`);
      throw conflict(`Record ${input.recordId} was changed by someone else since you opened it. Reload and try again.`);
    }
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: to === "withdrawn" ? "record.withdraw" : "record.restore",
      subjectType: "record",
      subjectId: input.recordId,
      payload: input.reason ? { reason: input.reason } : {},
    });
    await enqueueRecordSync(tx, [input.recordId]);
    return { id: input.recordId, status: to, version: input.expectedVersion + 1 };
  });
}

/** Takes a published record off public pages and search; it stays in the database and history. */
export const withdrawRecord = (db: Db, input: StatusChange & { reason: string }) => changeStatus(db, input, "published", "withdrawn");

/** Puts a withdrawn record back on public pages and search. */
export const restoreRecord = (db: Db, input: StatusChange) => changeStatus(db, input, "withdrawn", "published");

/** Publishes an earlier revision's content again, as a new revision. */
export async function revertRecord(db: Db, input: StatusChange & { toNumber: number; message: string }) {
  return db.$transaction(async (tx) => {
    const revision = await tx.recordRevision.findUnique({
      where: { recordId_number: { recordId: input.recordId, number: input.toNumber } },
      select: revisionContentSelect,
    });
    if (!revision) throw notFound(`Revision ${input.toNumber} of record ${input.recordId}`);
    const record = await tx.archivalRecord.findUnique({ where: { id: input.recordId }, select: { status: true } });
    if (record?.status !== "published") throw conflict(`Record ${input.recordId} is not published; restore it before reverting.`);
    const published = await publishRevision(tx, {
      recordId: input.recordId,
      expectedVersion: input.expectedVersion,
      content: revisionToContent(revision),
      authorId: input.actorId,
      message: input.message || `Reverted to revision ${input.toNumber}`,
    });
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: "record.revert",
      subjectType: "record",
      subjectId: input.recordId,
      payload: { toNumber: input.toNumber, revisionId: published.revisionId },
    });
    return published;
  });
}
