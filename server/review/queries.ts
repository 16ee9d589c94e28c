// Read models for the editor's desk and the review queue.
import type { SessionUser } from "../auth/session-user";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { FIELD_LABELS, type ContentField, type DraftContent, type RecordContent, revisionContentSelect, revisionToContent } from "../records/content";
import { rebaseOf } from "./change-requests";
import { describeField, diffContent, loadReferenceLabels, type ReferenceLabels } from "./diff";
import { editorLabels } from "./editing";

/** Fields a reviewer may resolve by editing the text itself. */
const TEXT_LIKE = new Set<ContentField>(["title", "dateText", "summary", "fullText", "originalLanguage", "sourceArchive", "sourceLocator", "rights"]);

const NO_LABELS: ReferenceLabels = { collections: new Map(), entities: new Map(), names: new Map(), records: new Map() };

const listSelect = {
  id: true,
  kind: true,
  state: true,
  recordId: true,
  version: true,
  message: true,
  reason: true,
  submittedAt: true,
  decidedAt: true,
  createdAt: true,
  updatedAt: true,
  proposed: true,
  author: { select: { id: true, name: true } },
  reviewer: { select: { id: true, name: true } },
  baseRevision: { select: revisionContentSelect },
  _count: { select: { comments: true } },
} as const;

type ListRow = Prisma.ChangeRequestGetPayload<{ select: typeof listSelect }>;

function toListItem({ proposed, baseRevision, _count, ...row }: ListRow) {
  const content = proposed as unknown as RecordContent;
  const diff = diffContent(baseRevision ? revisionToContent(baseRevision) : null, content, NO_LABELS);
  return {
    ...row,
    title: content.title?.trim() || "(untitled)",
    comments: _count.comments,
    change: { fields: diff.fieldsChanged, wordsAdded: diff.wordsAdded, wordsRemoved: diff.wordsRemoved },
  };
}

export type ChangeRequestListItem = ReturnType<typeof toListItem>;

export async function listMyChangeRequests(db: Db, authorId: string) {
  const rows = await db.changeRequest.findMany({ where: { authorId }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 100, select: listSelect });
  return rows.map(toListItem);
}

export interface QueueFilter {
  authorId?: string;
  collectionId?: number;
  /** Only requests waiting at least this many days. */
  minAgeDays?: number;
  page: number;
  pageSize: number;
}

/** The review queue: pending requests, oldest first; the backlog size and oldest age always. */
export async function listReviewQueue(db: Db, filter: QueueFilter) {
  const where: Prisma.ChangeRequestWhereInput = {
    state: "pending",
    ...(filter.authorId ? { authorId: filter.authorId } : {}),
    ...(filter.collectionId ? { proposed: { path: ["collectionIds"], array_contains: [filter.collectionId] } } : {}),
    ...(filter.minAgeDays ? { submittedAt: { lte: new Date(Date.now() - filter.minAgeDays * 86_400_000) } } : {}),
  };
  const [rows, matching, backlog, oldest, authors] = await Promise.all([
    db.changeRequest.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: listSelect,
    }),
    db.changeRequest.count({ where }),
    db.changeRequest.count({ where: { state: "pending" } }),
    db.changeRequest.findFirst({ where: { state: "pending" }, orderBy: { submittedAt: "asc" }, select: { submittedAt: true } }),
    db.user.findMany({ where: { changeRequests: { some: { state: "pending" } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { backlog, oldestSubmittedAt: oldest?.submittedAt ?? null, matching, authors, requests: rows.map(toListItem) };
}

/**
 * One request in full: for its author, or for any reviewer. The diff against its base, and,
 * when the record has moved on since, the three-way merge with any conflicts.
 */
export async function getChangeRequest(db: Db, user: Pick<SessionUser, "id" | "role">, id: number) {
  const request = await db.changeRequest.findUnique({
    where: { id },
    select: {
      ...listSelect,
      baseRevisionId: true,
      resultRevision: { select: { number: true } },
      record: { select: { id: true, status: true, version: true } },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } } },
    },
  });
  if (!request || (request.author.id !== user.id && user.role === "editor")) throw notFound(`Change request ${id}`);
  const proposed = request.proposed as unknown as DraftContent;
  const rebase = await rebaseOf(db, request);
  const base = request.baseRevision ? revisionToContent(request.baseRevision) : null;
  const labels = await loadReferenceLabels(db, [base, rebase.current, proposed as RecordContent, rebase.merge?.content]);
  return {
    id: request.id,
    kind: request.kind,
    state: request.state,
    version: request.version,
    message: request.message,
    reason: request.reason,
    submittedAt: request.submittedAt,
    decidedAt: request.decidedAt,
    updatedAt: request.updatedAt,
    author: request.author,
    reviewer: request.reviewer,
    record: request.record,
    baseRevisionId: request.baseRevisionId,
    baseRevisionNumber: request.baseRevision?.number ?? null,
    resultRevisionNumber: request.resultRevision?.number ?? null,
    comments: request.comments,
    proposed,
    editorLabels: await editorLabels(db, proposed),
    diff: diffContent(base, proposed as RecordContent, labels),
    rebase: rebase.merge
      ? {
          currentRevisionId: rebase.currentRevisionId,
          merged: rebase.merge.merged,
          currentChanges: rebase.merge.currentChanges,
          conflicts: rebase.merge.conflicts.map((c) => ({
            ...c,
            label: FIELD_LABELS[c.field],
            text: TEXT_LIKE.has(c.field),
            shown: {
              current: describeField(c.field, c.current, labels),
              proposed: describeField(c.field, c.proposed, labels),
              suggestion: describeField(c.field, c.suggestion, labels),
            },
          })),
          content: rebase.merge.content,
          /** What approving now would publish, against the current revision. */
          diff: diffContent(rebase.current, rebase.merge.content, labels),
        }
      : null,
  };
}

export type ChangeRequestDetail = Awaited<ReturnType<typeof getChangeRequest>>;
