// Change requests: an editor's draft and proposed content for a new or existing record, and the
// reviewer's decision. Every write checks the request's version (optimistic concurrency), and
// every state change is a conditional update, so two people acting at once cannot both win.
import { recordAuditEvent } from "../audit/audit";
import type { SessionUser } from "../auth/session-user";
import type { Db, DbOrTx } from "../db";
import { badInput, conflict, DomainError, notFound } from "../errors";
import type { ChangeRequestState, Prisma } from "../generated/prisma/client";
import { draftContentSchema, recordContentSchema, type DraftContent, type RecordContent, revisionContentSelect, revisionToContent } from "../records/content";
import { assertReferencesExist, publishRevision } from "../records/publish";
import { applyEntityChange, assertEntityProposal } from "../entities/changes";
import type { EntityInput } from "../entities/entities";
import { applyMerge, assertMergeable, type MergeProposal, mergeProposalSchema } from "../entities/merge";
import { fieldsWithMarkers } from "./markers";
import { mergeContent, type MergeResult } from "./merge";
import { parseStored } from "./stored";

const EDITABLE: ChangeRequestState[] = ["draft", "sent_back"];
const WITHDRAWABLE: ChangeRequestState[] = ["draft", "pending", "sent_back"];

type Actor = Pick<SessionUser, "id" | "trusted">;

const STATE_WORDS: Record<ChangeRequestState, string> = {
  draft: "is still a draft",
  pending: "is waiting for review",
  sent_back: "was sent back to its author",
  approved: "was already approved",
  rejected: "was already rejected",
  withdrawn: "was withdrawn by its author",
};

/**
 * Explains why a conditional update on a request touched no row: it does not exist (or is not
 * the caller's), its state no longer allows the action, or someone changed it since it was read.
 */
async function explainMiss(tx: DbOrTx, id: number, allowed: ChangeRequestState[], authorId?: string): Promise<never> {
  const row = await tx.changeRequest.findUnique({
    where: { id },
    select: { kind: true, state: true, authorId: true, reviewer: { select: { name: true } } },
  });
  if (!row || (authorId !== undefined && row.authorId !== authorId)) throw notFound(`Change request ${id}`);
  if (row.kind === "import_batch") throw badInput(`Change request ${id} is an import: it is decided (or discarded) on the import's own page, under Imports.`);
  if (!allowed.includes(row.state)) {
    const by = row.reviewer && ["approved", "rejected", "sent_back"].includes(row.state) ? ` by ${row.reviewer.name}` : "";
    throw conflict(`Change request ${id} ${STATE_WORDS[row.state]}${by}; it can no longer be changed that way.`);
  }
  throw conflict(`Change request ${id} was changed by someone else since you opened it. Reload to see the latest version.`);
}

/** The record's current published revision id, or an error if it cannot be edited. */
async function currentRevisionOf(tx: DbOrTx, recordId: number) {
  const record = await tx.archivalRecord.findUnique({ where: { id: recordId }, select: { status: true, publishedRevisionId: true } });
  if (!record) throw notFound(`Record ${recordId}`);
  if (record.status === "withdrawn") throw conflict(`Record ${recordId} is withdrawn; an admin must restore it before it can change.`);
  return record.publishedRevisionId;
}

const json = (content: RecordContent | DraftContent) => content as unknown as Prisma.InputJsonValue;

// ---------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------

export interface SaveDraftInput {
  authorId: string;
  /** Absent: the first save of a new draft. */
  id?: number;
  expectedVersion?: number;
  /** For the first save of an edit: the record, and the revision the form was filled from. */
  recordId?: number;
  baseRevisionId?: number;
  content: DraftContent;
  message: string;
}

/** Saves what an editor has typed. The first save creates the draft. */
export async function saveDraft(db: Db, input: SaveDraftInput) {
  return db.$transaction(async (tx) => {
    if (input.id === undefined) {
      let baseRevisionId: number | null = null;
      if (input.recordId !== undefined) {
        const current = await currentRevisionOf(tx, input.recordId);
        baseRevisionId = input.baseRevisionId ?? current;
        const base = baseRevisionId === null ? null : await tx.recordRevision.findUnique({ where: { id: baseRevisionId }, select: { recordId: true } });
        if (!base || base.recordId !== input.recordId) throw badInput(`Revision ${baseRevisionId} is not a revision of record ${input.recordId}.`, "baseRevisionId");
      }
      const created = await tx.changeRequest.create({
        data: {
          kind: input.recordId === undefined ? "record_create" : "record_edit",
          state: "draft",
          recordId: input.recordId ?? null,
          baseRevisionId,
          proposed: json(input.content),
          message: input.message,
          authorId: input.authorId,
        },
        select: { id: true, version: true, updatedAt: true, state: true },
      });
      await recordAuditEvent(tx, { actorId: input.authorId, action: "change_request.create", subjectType: "change_request", subjectId: created.id });
      return created;
    }
    if (input.expectedVersion === undefined) throw badInput("Saving a draft needs the version you opened.", "expectedVersion");
    const updated = await tx.changeRequest.updateMany({
      where: { id: input.id, authorId: input.authorId, state: { in: EDITABLE }, version: input.expectedVersion },
      data: { proposed: json(input.content), message: input.message, version: { increment: 1 } },
    });
    if (updated.count !== 1) await explainMiss(tx, input.id, EDITABLE, input.authorId);
    return tx.changeRequest.findUniqueOrThrow({ where: { id: input.id }, select: { id: true, version: true, updatedAt: true, state: true } });
  });
}

/** The author's open draft (or sent-back request) for a record, to resume editing it. */
export async function findOpenDraft(db: DbOrTx, authorId: string, recordId: number) {
  return db.changeRequest.findFirst({
    where: { authorId, recordId, state: { in: EDITABLE } },
    orderBy: { updatedAt: "desc" },
    select: { id: true },
  });
}

/**
 * Brings an author's draft (or sent-back request) up to date with the record's current revision:
 * the same three-way merge a reviewer's approval does, applied to the draft, so the author can
 * settle any conflict before a reviewer sees it. Conflicts need a resolution.
 */
export async function rebaseDraft(db: Db, input: { authorId: string; id: number; expectedVersion: number; resolution?: Resolution }) {
  return db.$transaction(async (tx) => {
    const request = await tx.changeRequest.findUnique({
      where: { id: input.id },
      select: { authorId: true, state: true, recordId: true, baseRevisionId: true, proposed: true },
    });
    if (!request || request.authorId !== input.authorId) throw notFound(`Change request ${input.id}`);
    if (request.recordId !== null) await currentRevisionOf(tx, request.recordId);
    const rebase = await rebaseOf(tx, request);
    if (!rebase.merge) return { id: input.id, version: input.expectedVersion, rebased: false };
    const merge = rebase.merge;
    const content = { ...merge.content } as Record<string, unknown>;
    if (merge.conflicts.length) {
      if (!input.resolution) throw conflict(`Your draft and the current record both changed: ${merge.conflicts.map((c) => c.field).join(", ")}. Choose what to keep.`);
      if (input.resolution.currentRevisionId !== rebase.currentRevisionId) throw conflict("The record changed again meanwhile. Reload to see the new merge.");
      for (const c of merge.conflicts) {
        if (!(c.field in input.resolution.values)) throw badInput(`Choose a value for ${c.field}.`, c.field);
        content[c.field] = input.resolution.values[c.field];
      }
      refuseMarkers(input.resolution.values);
    }
    const parsed = draftContentSchema.safeParse(content);
    if (!parsed.success) throw badInput(parsed.error.issues[0]!.message, String(parsed.error.issues[0]!.path[0]));
    const updated = await tx.changeRequest.updateMany({
      where: { id: input.id, authorId: input.authorId, state: { in: EDITABLE }, version: input.expectedVersion },
      data: { proposed: json(parsed.data), baseRevisionId: rebase.currentRevisionId, version: { increment: 1 } },
    });
    if (updated.count !== 1) await explainMiss(tx, input.id, EDITABLE, input.authorId);
    return { id: input.id, version: input.expectedVersion + 1, rebased: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Submission and withdrawal (authors)
// ---------------------------------------------------------------------------------------------

/** Submits a draft (or amends and resubmits a sent-back request) for review. */
export async function submitDraft(db: Db, input: { author: Actor; id: number; expectedVersion: number; content: RecordContent; message: string }) {
  const submitted = await db.$transaction(async (tx) => {
    const request = await tx.changeRequest.findUnique({ where: { id: input.id }, select: { recordId: true, authorId: true } });
    if (!request || request.authorId !== input.author.id) throw notFound(`Change request ${input.id}`);
    if (request.recordId !== null) await currentRevisionOf(tx, request.recordId);
    await assertReferencesExist(tx, input.content, request.recordId ?? undefined);
    const updated = await tx.changeRequest.updateMany({
      where: { id: input.id, authorId: input.author.id, state: { in: EDITABLE }, version: input.expectedVersion },
      data: { state: "pending", proposed: json(input.content), message: input.message, submittedAt: new Date(), decidedAt: null, version: { increment: 1 } },
    });
    if (updated.count !== 1) await explainMiss(tx, input.id, EDITABLE, input.author.id);
    await recordAuditEvent(tx, { actorId: input.author.id, action: "change_request.submit", subjectType: "change_request", subjectId: input.id });
    return tx.changeRequest.findUniqueOrThrow({ where: { id: input.id }, select: { id: true, state: true, kind: true, version: true } });
  });
  return input.author.trusted ? autoApprove(db, input.author, submitted) : submitted;
}

export interface ProposeInput {
  author: Actor;
  /** Absent: a new record. */
  recordId?: number;
  /** The revision the author started from; defaults to the record's current one. */
  baseRevisionId?: number;
  content: RecordContent;
  message: string;
}

/** Drafts and submits in one step (API clients and imports). */
export async function proposeRecordChange(db: Db, input: ProposeInput) {
  const draft = await saveDraft(db, {
    authorId: input.author.id,
    recordId: input.recordId,
    baseRevisionId: input.baseRevisionId,
    content: input.content as DraftContent,
    message: input.message,
  });
  return submitDraft(db, { author: input.author, id: draft.id, expectedVersion: draft.version, content: input.content, message: input.message });
}

/** Proposes a new entity, or an edit of one, for review. */
export async function proposeEntityChange(db: Db, input: { author: Actor; entityId?: number; content: EntityInput; message: string }) {
  const submitted = await db.$transaction(async (tx) => {
    let baseEntityVersion: number | null = null;
    if (input.entityId !== undefined) {
      const entity = await tx.entity.findUnique({ where: { id: input.entityId }, select: { version: true, mergedIntoId: true } });
      if (!entity) throw notFound(`Entity ${input.entityId}`);
      if (entity.mergedIntoId !== null) throw conflict(`Entity ${input.entityId} was merged into entity ${entity.mergedIntoId}; edit that one.`);
      baseEntityVersion = entity.version;
    }
    await assertEntityProposal(tx, input.content, input.entityId);
    return createPending(tx, input.author.id, {
      kind: input.entityId === undefined ? "entity_create" : "entity_edit",
      entityId: input.entityId ?? null,
      baseEntityVersion,
      proposed: input.content as unknown as Prisma.InputJsonValue,
      message: input.message,
    });
  });
  return input.author.trusted ? autoApprove(db, input.author, submitted) : submitted;
}

/** A submitted request, straight to the queue, with its audit event. */
async function createPending(
  tx: DbOrTx,
  authorId: string,
  data: Pick<Prisma.ChangeRequestUncheckedCreateInput, "kind" | "entityId" | "baseEntityVersion" | "proposed" | "message">,
) {
  const request = await tx.changeRequest.create({
    data: { ...data, state: "pending", authorId, submittedAt: new Date() },
    select: { id: true, state: true, kind: true, version: true },
  });
  await recordAuditEvent(tx, { actorId: authorId, action: "change_request.submit", subjectType: "change_request", subjectId: request.id });
  return request;
}

/** Proposes merging a duplicate entity (source) into another (target, the survivor), for review. */
export async function proposeEntityMerge(db: Db, input: { author: Actor; proposal: MergeProposal; message: string }) {
  const submitted = await db.$transaction(async (tx) => {
    await assertMergeable(tx, input.proposal);
    const pending = await tx.changeRequest.findFirst({
      where: { kind: "entity_merge", state: "pending", entityId: input.proposal.sourceId },
      select: { id: true },
    });
    if (pending) throw conflict(`A merge of entity ${input.proposal.sourceId} is already waiting for review (request ${pending.id}).`);
    return createPending(tx, input.author.id, {
      kind: "entity_merge",
      entityId: input.proposal.sourceId,
      proposed: { ...input.proposal, sourceName: await preferredName(tx, input.proposal.sourceId), targetName: await preferredName(tx, input.proposal.targetId) },
      message: input.message,
    });
  });
  return input.author.trusted ? autoApprove(db, input.author, submitted) : submitted;
}

async function preferredName(tx: DbOrTx, entityId: number) {
  return (await tx.entityName.findFirst({ where: { entityId, isPreferred: true }, select: { name: true } }))?.name ?? `Entity ${entityId}`;
}

/** A trusted editor's request is approved at once, as them; a rebase conflict leaves it pending. */
async function autoApprove<T extends { id: number; version: number }>(db: Db, author: Actor, request: T) {
  try {
    return await approveChangeRequest(db, { reviewer: author, id: request.id, expectedVersion: request.version, automatic: true });
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT") return { ...request, state: "pending" as const };
    throw error;
  }
}

export async function withdrawChangeRequest(db: Db, input: { authorId: string; id: number; expectedVersion: number }) {
  return db.$transaction(async (tx) => {
    const updated = await tx.changeRequest.updateMany({
      where: { id: input.id, authorId: input.authorId, state: { in: WITHDRAWABLE }, version: input.expectedVersion, kind: { not: "import_batch" } },
      data: { state: "withdrawn", decidedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count !== 1) await explainMiss(tx, input.id, WITHDRAWABLE, input.authorId);
    await recordAuditEvent(tx, { actorId: input.authorId, action: "change_request.withdraw", subjectType: "change_request", subjectId: input.id });
    return { id: input.id, state: "withdrawn" as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Rebase and decisions (reviewers)
// ---------------------------------------------------------------------------------------------

async function loadContent(tx: DbOrTx, revisionId: number | null): Promise<RecordContent | null> {
  if (revisionId === null) return null;
  const revision = await tx.recordRevision.findUnique({ where: { id: revisionId }, select: revisionContentSelect });
  return revision ? revisionToContent(revision) : null;
}

export interface Rebase {
  baseRevisionId: number | null;
  currentRevisionId: number | null;
  /** The record as it is now; null when it has not moved since the request's base. */
  current: RecordContent | null;
  /** Null when the record has not moved since the request's base (nothing to merge). */
  merge: MergeResult | null;
}

/** Where a request stands against the record as it is now. Reads content only if it moved. */
export async function rebaseOf(tx: DbOrTx, request: { recordId: number | null; baseRevisionId: number | null; proposed: unknown }): Promise<Rebase> {
  const unmoved = { baseRevisionId: request.baseRevisionId, current: null, merge: null };
  if (request.recordId === null) return { ...unmoved, currentRevisionId: null };
  const record = await tx.archivalRecord.findUnique({ where: { id: request.recordId }, select: { publishedRevisionId: true } });
  const currentRevisionId = record?.publishedRevisionId ?? null;
  if (currentRevisionId === request.baseRevisionId) return { ...unmoved, currentRevisionId };
  const [base, current] = [await loadContent(tx, request.baseRevisionId), await loadContent(tx, currentRevisionId)];
  if (!base || !current) return { ...unmoved, currentRevisionId };
  return { baseRevisionId: request.baseRevisionId, currentRevisionId, current, merge: mergeContent(base, current, request.proposed as RecordContent) };
}

export interface Resolution {
  /** The record revision the reviewer merged against; if the record moved again, they must look again. */
  currentRevisionId: number;
  /** Values for the conflicting fields (any other merged field may be adjusted too). */
  values: Partial<Record<keyof RecordContent, unknown>>;
}

export interface ApproveInput {
  reviewer: Actor;
  id: number;
  expectedVersion: number;
  resolution?: Resolution;
  /** A trusted editor's own request, approved on submission. */
  automatic?: boolean;
}

/**
 * Approves a pending request and publishes it in one transaction: the revision, the record's
 * published pointer, the audit events and the search outbox row. Approvals of requests on the
 * same record are serialized by a row lock, so each merges against the true current revision.
 */
export async function approveChangeRequest(db: Db, input: ApproveInput) {
  return db.$transaction(async (tx) => {
    const request = await tx.changeRequest.findUnique({
      where: { id: input.id },
      select: { id: true, kind: true, state: true, recordId: true, entityId: true, baseRevisionId: true, baseEntityVersion: true, proposed: true, authorId: true, message: true },
    });
    if (!request) throw notFound(`Change request ${input.id}`);
    if (request.kind === "import_batch") {
      throw badInput(`Change request ${input.id} is an import: it is decided on the import's own page, under Imports.`);
    }
    if (request.authorId === input.reviewer.id && !input.reviewer.trusted) {
      throw new DomainError("FORBIDDEN", "You cannot approve your own change request; another reviewer must.");
    }
    // Claim the decision first: a second reviewer blocks here, then finds no pending row.
    const claimed = await tx.changeRequest.updateMany({
      where: { id: input.id, state: "pending", version: input.expectedVersion },
      data: { state: "approved", reviewerId: input.reviewer.id, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (claimed.count !== 1) await explainMiss(tx, input.id, ["pending"]);

    if (request.kind === "entity_merge") {
      const proposal = mergeProposalSchema.parse(request.proposed);
      const ledger = await applyMerge(tx, proposal, input.reviewer.id);
      await tx.changeRequest.update({ where: { id: input.id }, data: { proposed: { ...(request.proposed as object), ...proposal, ledger } as unknown as Prisma.InputJsonValue } });
      await recordAuditEvent(tx, {
        actorId: input.reviewer.id,
        action: "change_request.approve",
        subjectType: "change_request",
        subjectId: input.id,
        payload: { merge: proposal, automatic: input.automatic ?? false },
      });
      return { id: input.id, state: "approved" as const, version: input.expectedVersion + 1, entityId: proposal.targetId, recordId: null, revisionId: null, number: null };
    }
    if (request.kind === "entity_create" || request.kind === "entity_edit") {
      const entityId = await applyEntityChange(tx, { ...request, actorId: input.reviewer.id });
      await tx.changeRequest.update({ where: { id: input.id }, data: { entityId } });
      await recordAuditEvent(tx, {
        actorId: input.reviewer.id,
        action: "change_request.approve",
        subjectType: "change_request",
        subjectId: input.id,
        payload: { entityId, automatic: input.automatic ?? false },
      });
      return { id: input.id, state: "approved" as const, version: input.expectedVersion + 1, entityId, recordId: null, revisionId: null, number: null };
    }

    let content = parseStored(recordContentSchema, request.proposed, "proposed content");
    if (request.recordId !== null) {
      await tx.$executeRaw`SELECT 1 FROM records WHERE id = ${request.recordId} FOR UPDATE`;
      await currentRevisionOf(tx, request.recordId);
      const rebase = await rebaseOf(tx, request);
      if (rebase.merge) content = resolve(rebase, input.resolution);
    }
    const published = await publishRevision(tx, {
      recordId: request.recordId ?? undefined,
      content,
      authorId: request.authorId,
      message: request.message,
    });
    await tx.changeRequest.update({
      where: { id: input.id },
      data: { resultRevisionId: published.revisionId, recordId: published.recordId },
    });
    await recordAuditEvent(tx, {
      actorId: input.reviewer.id,
      action: "change_request.approve",
      subjectType: "change_request",
      subjectId: input.id,
      payload: { recordId: published.recordId, revisionId: published.revisionId, automatic: input.automatic ?? false },
    });
    return { id: input.id, state: "approved" as const, version: input.expectedVersion + 1, entityId: null, ...published };
  });
}

/** A combined text still holding the "⟦ From … ⟧" lines is not finished: refused, nothing saved. */
function refuseMarkers(values: Record<string, unknown>) {
  const marked = fieldsWithMarkers(values);
  if (marked.length) throw badInput(`Finish combining ${marked.join(", ")}: remove the “⟦ … ⟧” lines and keep only the text you want.`, marked[0]);
}

/** The content to publish for a request whose record moved on: the merge, plus the resolution. */
function resolve(rebase: Rebase, resolution: Resolution | undefined): RecordContent {
  const merge = rebase.merge!;
  if (merge.conflicts.length === 0) return merge.content;
  const fields = merge.conflicts.map((c) => c.field);
  if (!resolution) {
    throw conflict(`The record changed since this request was made, and ${fields.length === 1 ? "one field conflicts" : `${fields.length} fields conflict`} (${fields.join(", ")}). Resolve the conflicts to approve.`);
  }
  if (resolution.currentRevisionId !== rebase.currentRevisionId) {
    throw conflict("The record changed again while you were resolving the conflicts. Reload to see the new merge.");
  }
  const missing = fields.filter((f) => !(f in resolution.values));
  if (missing.length) throw badInput(`Choose a value for every conflicting field: ${missing.join(", ")}.`, missing[0]);
  refuseMarkers(resolution.values);
  const parsed = recordContentSchema.safeParse({ ...merge.content, ...resolution.values });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`${issue.path.join(".")}: ${issue.message}`, String(issue.path[0]));
  }
  return parsed.data;
}

async function decide(
  db: Db,
  input: { reviewer: Actor; id: number; expectedVersion: number; text: string },
  state: "rejected" | "sent_back",
) {
  return db.$transaction(async (tx) => {
    const updated = await tx.changeRequest.updateMany({
      where: { id: input.id, state: "pending", version: input.expectedVersion, kind: { not: "import_batch" } },
      data: { state, reason: input.text, reviewerId: input.reviewer.id, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count !== 1) await explainMiss(tx, input.id, ["pending"]);
    await tx.changeRequestComment.create({ data: { changeRequestId: input.id, authorId: input.reviewer.id, body: input.text } });
    await recordAuditEvent(tx, {
      actorId: input.reviewer.id,
      action: state === "rejected" ? "change_request.reject" : "change_request.send_back",
      subjectType: "change_request",
      subjectId: input.id,
      payload: { reason: input.text },
    });
    return { id: input.id, state, version: input.expectedVersion + 1 };
  });
}

export const rejectChangeRequest = (db: Db, input: { reviewer: Actor; id: number; expectedVersion: number; reason: string }) =>
  decide(db, { ...input, text: input.reason }, "rejected");

export const sendBackChangeRequest = (db: Db, input: { reviewer: Actor; id: number; expectedVersion: number; comment: string }) =>
  decide(db, { ...input, text: input.comment }, "sent_back");

/** Approves several requests, each in its own transaction; one failure does not stop the rest. */
export async function approveMany(db: Db, input: { reviewer: Actor; items: { id: number; expectedVersion: number }[] }) {
  const results: { id: number; ok: boolean; message?: string }[] = [];
  for (const item of input.items) {
    try {
      await approveChangeRequest(db, { reviewer: input.reviewer, ...item });
      results.push({ id: item.id, ok: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ id: item.id, ok: false, message: error.message });
    }
  }
  return { approved: results.filter((r) => r.ok).length, results };
}

/** A comment from the author or a reviewer. */
/**
 * Who may read (and comment on) a change request: its author always; reviewers and admins once it
 * has been submitted. A draft never submitted is its author's workspace, private to them
 * (docs/decisions/0012-hardening-policies.md).
 */
export function readableBy(request: { authorId: string; submittedAt: Date | null }, user: Pick<SessionUser, "id" | "role">): boolean {
  if (request.authorId === user.id) return true;
  return user.role !== "editor" && request.submittedAt !== null;
}

export async function addComment(db: Db, input: { user: Pick<SessionUser, "id" | "role">; id: number; body: string }) {
  const request = await db.changeRequest.findUnique({ where: { id: input.id }, select: { authorId: true, submittedAt: true } });
  if (!request || !readableBy(request, input.user)) throw notFound(`Change request ${input.id}`);
  return db.changeRequestComment.create({
    data: { changeRequestId: input.id, authorId: input.user.id, body: input.body },
    select: { id: true, body: true, createdAt: true },
  });
}
