// Read models for the editor's desk and the review queue.
import type { SessionUser } from "../auth/session-user";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { FIELD_LABELS, type ContentField, type DraftContent, type RecordContent, revisionContentSelect, revisionToContent } from "../records/content";
import { readableBy, rebaseOf } from "./change-requests";
import { describeField, diffContent, loadReferenceLabels, type ReferenceLabels } from "./diff";
import { editorLabels } from "./editing";
import { diffEntity, entityAsInput } from "../entities/changes";
import type { EntityInput } from "../entities/entities";

/** Fields a reviewer may resolve by editing the text itself. */
const TEXT_LIKE = new Set<ContentField>(["title", "dateText", "summary", "fullText", "originalLanguage", "sourceArchive", "sourceLocator", "rights"]);

const NO_LABELS: ReferenceLabels = { collections: new Map(), entities: new Map(), names: new Map(), records: new Map() };

const listSelect = {
  id: true,
  kind: true,
  state: true,
  recordId: true,
  entityId: true,
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

const isEntityKind = (kind: string) => kind === "entity_create" || kind === "entity_edit" || kind === "entity_merge";

type MergeProposed = { sourceId: number; targetId: number; sourceName?: string; targetName?: string; undone?: boolean };

/** A merge as the review page shows it: which entity goes into which, and how much moves. */
async function mergeDiff(db: Db, proposed: MergeProposed) {
  const mentions = await db.mention.count({ where: { entityId: proposed.sourceId } });
  return {
    fields: [
      {
        field: "merge",
        label: "Merge",
        kind: "value" as const,
        before: `${proposed.sourceName ?? `Entity ${proposed.sourceId}`} (#${proposed.sourceId})`,
        after: `merged into ${proposed.targetName ?? `entity ${proposed.targetId}`} (#${proposed.targetId}); its names become variants and its ${mentions} mention${mentions === 1 ? "" : "s"} move`,
      },
    ],
    fieldsChanged: 1,
    wordsAdded: 0,
    wordsRemoved: 0,
  };
}

/** The title a request is listed under: the record's title or the entity's preferred name. */
export function requestTitle(kind: string, proposed: unknown) {
  if (kind === "import_batch") return (proposed as { title?: string } | null)?.title ?? "Import";
  if (kind === "entity_merge") {
    const p = proposed as MergeProposed;
    return `Merge ${p.sourceName ?? `#${p.sourceId}`} into ${p.targetName ?? `#${p.targetId}`}`;
  }
  if (isEntityKind(kind)) {
    const names = (proposed as Partial<EntityInput> | null)?.names ?? [];
    return (names.find((n) => n.preferred) ?? names[0])?.name ?? "(unnamed)";
  }
  return (proposed as Partial<RecordContent> | null)?.title?.trim() || "(untitled)";
}

/** List rows with their title and how much they change. Entity edits compare with the entity now. */
async function toListItems(db: Db, rows: ListRow[]) {
  const entityIds = [...new Set(rows.flatMap((r) => (r.kind === "entity_edit" && r.entityId ? [r.entityId] : [])))];
  const entities = new Map(await Promise.all(entityIds.map(async (id) => [id, await entityAsInput(db, id)] as const)));
  return rows.map(({ proposed, baseRevision, _count, ...row }) => {
    const imported = row.kind === "import_batch" ? (proposed as unknown as { summary?: { create: number; update: number } }).summary : undefined;
    const diff = row.kind === "import_batch"
      ? { fieldsChanged: (imported?.create ?? 0) + (imported?.update ?? 0), wordsAdded: 0, wordsRemoved: 0 }
      : row.kind === "entity_merge"
      ? { fieldsChanged: 1, wordsAdded: 0, wordsRemoved: 0 }
      : isEntityKind(row.kind)
      ? diffEntity(row.entityId ? (entities.get(row.entityId) ?? null) : null, proposed as unknown as EntityInput)
      : diffContent(baseRevision ? revisionToContent(baseRevision) : null, proposed as unknown as RecordContent, NO_LABELS);
    return {
      ...row,
      title: requestTitle(row.kind, proposed),
      comments: _count.comments,
      change: { fields: diff.fieldsChanged, wordsAdded: diff.wordsAdded, wordsRemoved: diff.wordsRemoved },
    };
  });
}

export type ChangeRequestListItem = Awaited<ReturnType<typeof toListItems>>[number];

export async function listMyChangeRequests(db: Db, authorId: string) {
  const rows = await db.changeRequest.findMany({ where: { authorId }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 100, select: listSelect });
  return toListItems(db, rows);
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
  return { backlog, oldestSubmittedAt: oldest?.submittedAt ?? null, matching, authors, requests: await toListItems(db, rows) };
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
      baseEntityVersion: true,
      resultRevision: { select: { number: true } },
      record: { select: { id: true, status: true, version: true } },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } } },
    },
  });
  if (!request || !readableBy({ authorId: request.author.id, submittedAt: request.submittedAt }, user)) throw notFound(`Change request ${id}`);
  const common = {
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
    comments: request.comments,
    title: requestTitle(request.kind, request.proposed),
  };
  if (request.kind === "import_batch") {
    // Decided on the import's own page (/imports/[id]).
    return { ...common, subject: "import" as const, importId: (request.proposed as unknown as { importId: number }).importId };
  }
  if (request.kind === "entity_merge") {
    const proposed = request.proposed as unknown as MergeProposed;
    return {
      ...common,
      subject: "entity" as const,
      entity: { id: proposed.targetId, name: proposed.targetName ?? `Entity ${proposed.targetId}` },
      entityChangedSince: false,
      diff: await mergeDiff(db, proposed),
    };
  }
  if (isEntityKind(request.kind)) {
    const current = request.entityId ? await entityAsInput(db, request.entityId) : null;
    return {
      ...common,
      subject: "entity" as const,
      entity: request.entityId ? { id: request.entityId, name: current?.names.find((n) => n.preferred)?.name ?? common.title } : null,
      /** The entity changed since the proposal: approving would be refused. */
      entityChangedSince: !!current && request.baseEntityVersion !== null && current.version !== request.baseEntityVersion && request.state === "pending",
      diff: diffEntity(current, request.proposed as unknown as EntityInput),
    };
  }
  const proposed = request.proposed as unknown as DraftContent;
  const rebase = await rebaseOf(db, request);
  const base = request.baseRevision ? revisionToContent(request.baseRevision) : null;
  const labels = await loadReferenceLabels(db, [base, rebase.current, proposed as RecordContent, rebase.merge?.content]);
  return {
    ...common,
    subject: "record" as const,
    record: request.record,
    baseRevisionId: request.baseRevisionId,
    baseRevisionNumber: request.baseRevision?.number ?? null,
    resultRevisionNumber: request.resultRevision?.number ?? null,
    proposed,
    editorLabels: await editorLabels(db, proposed),
    diff: diffContent(base, proposed as RecordContent, labels),
    // Only an open request can still be merged; a decided one shows what it was, not a merge.
    rebase: rebase.merge && (request.state === "draft" || request.state === "pending" || request.state === "sent_back")
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
