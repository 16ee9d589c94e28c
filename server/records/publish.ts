// Publishing: a new immutable revision becomes the record's public content. One transaction
// writes the revision (with its mentions, links and collections), moves the record's published
// pointer, appends an audit event and queues the search index (transactional outbox).
import { recordAuditEvent } from "../audit/audit";
import { parseImpreciseDate } from "../dates/imprecise-date";
import type { DbOrTx } from "../db";
import { badInput, conflict, DomainError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { type BulkColumn, insertRows } from "../db-bulk";
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

/** What the archive holds of the ids some contents refer to (loaded once for many contents). */
interface ReferenceFacts {
  collections: Set<number>;
  entities: Map<number, number | null>;
  publishedTargets: Set<number>;
  nameOwner: Map<number, number>;
}

async function loadReferenceFacts(tx: DbOrTx, contents: RecordContent[]): Promise<ReferenceFacts> {
  const unique = <T,>(xs: T[]) => [...new Set(xs)];
  const collectionIds = unique(contents.flatMap((c) => c.collectionIds));
  const entityIds = unique(contents.flatMap((c) => c.mentions.flatMap((m) => (m.entityId !== undefined ? [m.entityId] : []))));
  const targetIds = unique(contents.flatMap((c) => c.links.map((l) => l.targetRecordId)));
  const nameIds = unique(contents.flatMap((c) => c.mentions.flatMap((m) => (m.nameId ? [m.nameId] : []))));
  // One after another: inside a transaction the queries share one connection anyway.
  const collections = collectionIds.length ? await tx.collection.findMany({ where: { id: { in: collectionIds } }, select: { id: true } }) : [];
  const entities = entityIds.length ? await tx.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, mergedIntoId: true } }) : [];
  const targets = targetIds.length ? await tx.archivalRecord.findMany({ where: { id: { in: targetIds }, status: "published" }, select: { id: true } }) : [];
  const names = nameIds.length ? await tx.entityName.findMany({ where: { id: { in: nameIds } }, select: { id: true, entityId: true } }) : [];
  return {
    collections: new Set(collections.map((c) => c.id)),
    entities: new Map(entities.map((e) => [e.id, e.mergedIntoId])),
    publishedTargets: new Set(targets.map((t) => t.id)),
    nameOwner: new Map(names.map((n) => [n.id, n.entityId])),
  };
}

/** The first thing wrong with what a content refers to, naming the field, or null. */
function referenceProblem(content: RecordContent, facts: ReferenceFacts, recordId?: number): DomainError | null {
  const targetIds = content.links.map((l) => l.targetRecordId);
  if (recordId !== undefined && targetIds.includes(recordId)) return badInput("A record cannot link to itself.", "links");
  if (new Set(content.links.map((l) => `${l.targetRecordId}:${l.type}`)).size !== content.links.length) return badInput("The same link is listed twice.", "links");
  if (new Set(content.mentions.map(mentionKey)).size !== content.mentions.length) {
    return badInput("The same person, place or subject is listed twice with the same role.", "mentions");
  }
  if (content.collectionIds.some((id) => !facts.collections.has(id))) return badInput("A collection in this record does not exist.", "collectionIds");
  const entityIds = content.mentions.flatMap((m) => (m.entityId !== undefined ? [m.entityId] : []));
  if (entityIds.some((id) => !facts.entities.has(id))) return badInput("A person, place or subject linked here does not exist.", "mentions");
  if (entityIds.some((id) => facts.entities.get(id) !== null)) return badInput("A linked entity was merged into another; link the survivor.", "mentions");
  if (targetIds.some((id) => !facts.publishedTargets.has(id))) return badInput("A linked record does not exist or is not published.", "links");
  for (const m of content.mentions) {
    if (m.nameId && m.entityId !== undefined && facts.nameOwner.get(m.nameId) !== m.entityId) return badInput("A mention uses a name of another entity.", "mentions");
  }
  return null;
}

/** Checks that every id the content refers to exists, naming the field that is wrong. */
export async function assertReferencesExist(tx: DbOrTx, content: RecordContent, recordId?: number) {
  const problem = referenceProblem(content, await loadReferenceFacts(tx, [content]), recordId);
  if (problem) throw problem;
}

/** A revision's own columns (not its mentions, links and collections) from content. */
function revisionFields(content: RecordContent) {
  const date = parseImpreciseDate(content.dateText);
  return {
    date,
    fields: {
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
    },
  };
}

const dedupe = <T,>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
const linkKey = (l: RecordContent["links"][number]) => `${l.targetRecordId}:${l.type}`;

function revisionData(content: RecordContent) {
  const { date, fields } = revisionFields(content);
  return {
    date,
    data: {
      ...fields,
      mentions: { create: dedupe(content.mentions, mentionKey).map((m) => ({ entityId: m.entityId!, role: m.role, nameId: m.nameId })) },
      links: { create: dedupe(content.links, linkKey) },
      collections: { create: [...new Set(content.collectionIds)].map((collectionId) => ({ collectionId })) },
    },
  };
}

const RECORD_COLUMNS: BulkColumn[] = [
  ["id", "int"], ["created_by_id", "text"], ["updated_at", "timestamptz", "timestamp(3)"], ["published_at", "timestamptz", "timestamp(3)"],
  ["status", "text", '"RecordStatus"'], ["published_revision_id", "int"], ["sort_date", "date"], ["version", "int"],
];
const REVISION_COLUMNS: BulkColumn[] = [
  ["id", "int"], ["record_id", "int"], ["number", "int"], ["title", "text"], ["date_text", "text"], ["date_edtf", "text"],
  ["date_earliest", "date"], ["date_latest", "date"], ["date_precision", "text", '"DatePrecision"'],
  ["date_approximate", "boolean"], ["date_uncertain", "boolean"], ["summary", "text"], ["full_text", "text"],
  ["original_language", "text"], ["text_languages", "text[]"], ["document_type", "text", '"DocumentType"'],
  ["source_archive", "text"], ["source_locator", "text"], ["rights", "text"], ["credits", "jsonb"], ["message", "text"], ["author_id", "text"],
];
const MENTION_COLUMNS: BulkColumn[] = [["revision_id", "int"], ["entity_id", "int"], ["role", "text", '"MentionRole"'], ["name_id", "int"]];
const LINK_COLUMNS: BulkColumn[] = [["revision_id", "int"], ["target_record_id", "int"], ["type", "text", '"LinkType"'], ["note", "text"]];
const COLLECTION_COLUMNS: BulkColumn[] = [["revision_id", "int"], ["collection_id", "int"]];
const AUDIT_COLUMNS: BulkColumn[] = [["actor_id", "text"], ["action", "text"], ["subject_type", "text"], ["subject_id", "text"], ["payload", "jsonb"]];

export interface NewRecordInput {
  content: RecordContent;
  authorId: string | null;
  message: string;
}

/**
 * Publishes many new records at once (a bulk import's batch): the same rows publishRevision
 * writes for each (record, revision 1 with its mentions, links and collections, the published
 * pointer, an audit event, a search-outbox row), in a few statements for the whole batch.
 * Contents whose references are wrong are not published: their answer is the error. Call inside
 * a transaction; mentions must name existing entities (no inline new ones).
 */
export async function publishNewRecords(tx: DbOrTx, inputs: NewRecordInput[]): Promise<({ recordId: number; revisionId: number } | { error: DomainError })[]> {
  const facts = await loadReferenceFacts(tx, inputs.map((i) => i.content));
  const results: ({ recordId: number; revisionId: number } | { error: DomainError })[] = inputs.map((input) => {
    if (input.content.mentions.some((m) => m.newEntity)) return { error: badInput("A new entity cannot be created here.", "mentions") };
    const problem = referenceProblem(input.content, facts);
    return problem ? { error: problem } : { recordId: 0, revisionId: 0 };
  });
  const ok = inputs.map((input, index) => ({ input, index })).filter(({ index }) => !("error" in results[index]!));
  if (!ok.length) return results;

  // Each record is written once, already published and pointing at its first revision: the ids
  // of both are reserved first, and the pointer's foreign key is checked at commit (deferrable,
  // migration 20261202001000); inserting the record and then updating it wrote every one of its
  // index entries twice.
  const reserved = await tx.$queryRaw<{ record: number; revision: number }[]>`
    SELECT nextval(pg_get_serial_sequence('records', 'id'))::int AS record, nextval(pg_get_serial_sequence('record_revisions', 'id'))::int AS revision
    FROM generate_series(1, ${ok.length}::int)`;
  const recordIds = reserved.map((r) => r.record);
  const revisionAt = (k: number) => reserved[k]!.revision;
  await tx.$executeRaw`SET CONSTRAINTS records_published_revision_id_fkey DEFERRED`;
  const now = new Date().toISOString();
  const revised = ok.map(({ input }) => revisionFields(input.content));
  await insertRows(tx, "records", RECORD_COLUMNS, ok.map(({ input }, k) => ({
    id: recordIds[k],
    created_by_id: input.authorId,
    updated_at: now,
    published_at: now,
    status: "published",
    published_revision_id: revisionAt(k),
    sort_date: revised[k]!.date.earliest,
    version: 2,
  })));
  await insertRows(
    tx,
    "record_revisions",
    REVISION_COLUMNS,
    ok.map(({ input }, k) => {
      const { fields } = revised[k]!;
      return {
        id: revisionAt(k),
        record_id: recordIds[k],
        number: 1,
        title: fields.title,
        date_text: fields.dateText,
        date_edtf: fields.dateEdtf,
        date_earliest: fields.dateEarliest.toISOString().slice(0, 10),
        date_latest: fields.dateLatest.toISOString().slice(0, 10),
        date_precision: fields.datePrecision,
        date_approximate: fields.dateApproximate,
        date_uncertain: fields.dateUncertain,
        summary: fields.summary,
        full_text: fields.fullText,
        original_language: fields.originalLanguage,
        text_languages: fields.textLanguages,
        document_type: fields.documentType,
        source_archive: fields.sourceArchive,
        source_locator: fields.sourceLocator,
        rights: fields.rights,
        credits: fields.credits,
        message: input.message,
        author_id: input.authorId,
      };
    }),
  );
  await insertRows(tx, "mentions", MENTION_COLUMNS, ok.flatMap(({ input }, k) =>
    dedupe(input.content.mentions, mentionKey).map((m) => ({ revision_id: revisionAt(k), entity_id: m.entityId!, role: m.role, name_id: m.nameId ?? null })),
  ));
  await insertRows(tx, "revision_links", LINK_COLUMNS, ok.flatMap(({ input }, k) =>
    dedupe(input.content.links, linkKey).map((l) => ({ revision_id: revisionAt(k), target_record_id: l.targetRecordId, type: l.type, note: l.note })),
  ));
  await insertRows(tx, "revision_collections", COLLECTION_COLUMNS, ok.flatMap(({ input }, k) =>
    [...new Set(input.content.collectionIds)].map((collectionId) => ({ revision_id: revisionAt(k), collection_id: collectionId })),
  ));
  await insertRows(tx, "audit_events", AUDIT_COLUMNS, ok.map(({ input }, k) => ({
    actor_id: input.authorId,
    action: "record.publish",
    subject_type: "record",
    subject_id: String(recordIds[k]),
    payload: { revisionId: revisionAt(k), number: 1 },
  })));
  await enqueueRecordSync(tx, recordIds);
  ok.forEach(({ index }, k) => (results[index] = { recordId: recordIds[k]!, revisionId: revisionAt(k) }));
  return results;
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
