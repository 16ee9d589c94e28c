// Publishing: a new immutable revision becomes the record's public content. One transaction
// writes the revision (with its mentions, links and collections), moves the record's published
// pointer, appends an audit event and queues the search index (transactional outbox).
import { recordAuditEvent } from "../audit/audit";
import { parseImpreciseDate } from "../dates/imprecise-date";
import type { DbOrTx } from "../db";
import { badInput, conflict, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { enqueueRecordSync } from "../search/outbox";
import { createEntity } from "../entities/entities";
import { normalizeName } from "../entities/names";
import { mentionKey, type RecordContent } from "./content";

export interface PublishInput {
  /** Absent for a new record. */
  recordId?: number;
  /** The record version the caller saw (optimistic concurrency); required for existing records. */
  expectedVersion?: number;
  content: RecordContent;
  authorId: string | null;
  message?: string;
}

/** Checks that every id the content refers to exists, naming the field that is wrong. */
export async function assertReferencesExist(tx: DbOrTx, content: RecordContent, recordId?: number) {
  const unique = <T,>(xs: T[]) => [...new Set(xs)];
  const collectionIds = unique(content.collectionIds);
  const entityIds = unique(content.mentions.flatMap((m) => (m.entityId !== undefined ? [m.entityId] : [])));
  const targetIds = unique(content.links.map((l) => l.targetRecordId));
  const nameIds = unique(content.mentions.flatMap((m) => (m.nameId ? [m.nameId] : [])));

  if (recordId !== undefined && targetIds.includes(recordId)) throw badInput("A record cannot link to itself.", "links");
  if (new Set(content.links.map((l) => `${l.targetRecordId}:${l.type}`)).size !== content.links.length) {
    throw badInput("The same link is listed twice.", "links");
  }
  if (new Set(content.mentions.map(mentionKey)).size !== content.mentions.length) {
    throw badInput("The same person, place or subject is listed twice with the same role.", "mentions");
  }
  // One after another: inside a transaction the queries share one connection anyway.
  const collections = collectionIds.length ? await tx.collection.count({ where: { id: { in: collectionIds } } }) : 0;
  const entities = entityIds.length ? await tx.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, mergedIntoId: true } }) : [];
  const targets = targetIds.length ? await tx.archivalRecord.count({ where: { id: { in: targetIds }, status: "published" } }) : 0;
  const names = nameIds.length ? await tx.entityName.findMany({ where: { id: { in: nameIds } }, select: { id: true, entityId: true } }) : [];
  if (collections !== collectionIds.length) throw badInput("A collection in this record does not exist.", "collectionIds");
  if (entities.length !== entityIds.length) throw badInput("A person, place or subject linked here does not exist.", "mentions");
  if (entities.some((e) => e.mergedIntoId !== null)) throw badInput("A linked entity was merged into another; link the survivor.", "mentions");
  if (targets !== targetIds.length) throw badInput("A linked record does not exist or is not published.", "links");
  const nameOwner = new Map(names.map((n) => [n.id, n.entityId]));
  for (const m of content.mentions) {
    if (m.nameId && m.entityId !== undefined && nameOwner.get(m.nameId) !== m.entityId) throw badInput("A mention uses a name of another entity.", "mentions");
  }
}

function revisionData(content: RecordContent) {
  const date = parseImpreciseDate(content.dateText);
  const dedupe = <T,>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  return {
    date,
    data: {
      title: content.title,
      dateText: date.text,
      dateEdtf: date.edtf,
      dateEarliest: new Date(date.earliest),
      dateLatest: new Date(date.latest),
      datePrecision: date.precision,
      dateApproximate: date.approximate,
      dateUncertain: date.uncertain,
      summary: content.summary,
      fullText: content.fullText,
      originalLanguage: content.originalLanguage,
      textLanguages: content.textLanguages,
      documentType: content.documentType,
      sourceArchive: content.sourceArchive,
      sourceLocator: content.sourceLocator,
      rights: content.rights,
      credits: content.credits as Prisma.InputJsonValue,
      mentions: { create: dedupe(content.mentions, mentionKey).map((m) => ({ entityId: m.entityId!, role: m.role, nameId: m.nameId })) },
      links: { create: dedupe(content.links, (l) => `${l.targetRecordId}:${l.type}`) },
      collections: { create: [...new Set(content.collectionIds)].map((collectionId) => ({ collectionId })) },
    },
  };
}

/**
 * Creates the entities a record introduces (mentions of a new person, place... made inline in
 * the editor), one per kind and name, and returns the content mentioning them by id.
 */
async function createNewEntities(tx: DbOrTx, content: RecordContent, actorId: string | null): Promise<RecordContent> {
  if (!content.mentions.some((m) => m.newEntity)) return content;
  const created = new Map<string, number>();
  const mentions = [];
  for (const m of content.mentions) {
    if (!m.newEntity) {
      mentions.push(m);
      continue;
    }
    const key = `${m.newEntity.type}:${normalizeName(m.newEntity.name)}`;
    let id = created.get(key);
    if (id === undefined) {
      const entity = await createEntity(tx, {
        type: m.newEntity.type,
        names: [{ name: m.newEntity.name, language: m.newEntity.language, preferred: true }],
        description: "",
        datesText: "",
        identifiers: [],
      });
      id = entity.id;
      created.set(key, id);
      await recordAuditEvent(tx, { actorId, action: "entity.create", subjectType: "entity", subjectId: id, payload: { introducedBy: "record" } });
    }
    mentions.push({ entityId: id, role: m.role });
  }
  return { ...content, mentions };
}

/** Publishes content as a new revision. Call inside a transaction. Returns the ids. */
export async function publishRevision(tx: DbOrTx, input: PublishInput) {
  await assertReferencesExist(tx, input.content, input.recordId);
  const { date, data } = revisionData(await createNewEntities(tx, input.content, input.authorId));
  const now = new Date();

  let recordId = input.recordId;
  let parentId: number | null = null;
  let number = 1;
  if (recordId === undefined) {
    recordId = (await tx.archivalRecord.create({ data: { createdById: input.authorId } })).id;
  } else {
    // One publisher per record at a time: a second one waits here, then sees the version move.
    await tx.$executeRaw`SELECT 1 FROM records WHERE id = ${recordId} FOR UPDATE`;
    const record = await tx.archivalRecord.findUnique({
      where: { id: recordId },
      select: { version: true, publishedRevisionId: true, _count: { select: { revisions: true } } },
    });
    if (!record) throw notFound(`Record ${recordId}`);
    if (input.expectedVersion !== undefined && record.version !== input.expectedVersion) throw await changedBy(tx, recordId);
    parentId = record.publishedRevisionId;
    number = record._count.revisions + 1;
  }

  const revision = await tx.recordRevision.create({
    data: { ...data, recordId, number, parentId, authorId: input.authorId, message: input.message ?? "" },
    select: { id: true },
  });
  // The version check and the pointer move are one conditional update: a concurrent publisher
  // that read the same version finds zero rows to update and gets a conflict.
  const moved = await tx.archivalRecord.updateMany({
    where: { id: recordId, ...(input.expectedVersion !== undefined ? { version: input.expectedVersion } : {}) },
    data: {
      publishedRevisionId: revision.id,
      status: "published",
      sortDate: new Date(date.earliest),
      publishedAt: now,
      version: { increment: 1 },
    },
  });
  if (moved.count !== 1) throw await changedBy(tx, recordId);

  await recordAuditEvent(tx, {
    actorId: input.authorId,
    action: "record.publish",
    subjectType: "record",
    subjectId: recordId,
    payload: { revisionId: revision.id, number },
  });
  await enqueueRecordSync(tx, [recordId]);
  return { recordId, revisionId: revision.id, number };
}

/** "Record 12 was changed by Rita Reviewer a moment ago (revision 5). Reload to see it." */
async function changedBy(tx: DbOrTx, recordId: number) {
  const latest = await tx.recordRevision.findFirst({
    where: { recordId },
    orderBy: { number: "desc" },
    select: { number: true, createdAt: true, author: { select: { name: true } } },
  });
  const who = latest?.author?.name ?? "someone else";
  const seconds = latest ? Math.max(0, Math.round((Date.now() - latest.createdAt.getTime()) / 1000)) : 0;
  const when = seconds < 60 ? "a moment ago" : seconds < 3600 ? `${Math.round(seconds / 60)} minutes ago` : "since you opened it";
  return conflict(`Record ${recordId} was changed by ${who} ${when}${latest ? ` (revision ${latest.number})` : ""}. Reload to see it, then try again.`);
}
