// Change requests: an editor's proposed content for a new or existing record, waiting for review.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { RecordContent } from "../records/content";
import { assertReferencesExist } from "../records/publish";

export interface ProposeInput {
  authorId: string;
  /** Absent: a new record. */
  recordId?: number;
  content: RecordContent;
  message: string;
}

/** Submits a change request for review. The base revision is the record's current published one. */
export async function proposeRecordChange(db: Db, input: ProposeInput) {
  return db.$transaction(async (tx) => {
    let baseRevisionId: number | null = null;
    if (input.recordId !== undefined) {
      const record = await tx.archivalRecord.findUnique({ where: { id: input.recordId }, select: { publishedRevisionId: true } });
      if (!record) throw notFound(`Record ${input.recordId}`);
      baseRevisionId = record.publishedRevisionId;
    }
    await assertReferencesExist(tx, input.content, input.recordId);
    const request = await tx.changeRequest.create({
      data: {
        kind: input.recordId === undefined ? "record_create" : "record_edit",
        state: "pending",
        recordId: input.recordId ?? null,
        baseRevisionId,
        proposed: input.content as unknown as Prisma.InputJsonValue,
        message: input.message,
        authorId: input.authorId,
        submittedAt: new Date(),
      },
      select: { id: true, state: true, kind: true },
    });
    await recordAuditEvent(tx, {
      actorId: input.authorId,
      action: "change_request.submit",
      subjectType: "change_request",
      subjectId: request.id,
      payload: { recordId: input.recordId ?? null },
    });
    return request;
  });
}

const listSelect = {
  id: true,
  kind: true,
  state: true,
  recordId: true,
  message: true,
  submittedAt: true,
  createdAt: true,
  proposed: true,
  author: { select: { id: true, name: true } },
} as const;

function withTitle<T extends { proposed: unknown }>({ proposed, ...row }: T) {
  const title = (proposed as { title?: unknown } | null)?.title;
  return { ...row, title: typeof title === "string" ? title : "(untitled)" };
}

export async function listMyChangeRequests(db: Db, authorId: string) {
  const rows = await db.changeRequest.findMany({ where: { authorId }, orderBy: { createdAt: "desc" }, take: 100, select: listSelect });
  return rows.map(withTitle);
}

/** The review queue: pending requests, oldest first, with the backlog size and oldest age. */
export async function listReviewQueue(db: Db) {
  const [rows, total] = await Promise.all([
    db.changeRequest.findMany({ where: { state: "pending" }, orderBy: [{ submittedAt: "asc" }, { id: "asc" }], take: 100, select: listSelect }),
    db.changeRequest.count({ where: { state: "pending" } }),
  ]);
  return { total, oldestSubmittedAt: rows[0]?.submittedAt ?? null, requests: rows.map(withTitle) };
}
