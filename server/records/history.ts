// A record's public history: its approved revisions, any one of them by number (the permalink
// citations use), and the diff between any two.
import type { DbOrTx } from "../db";
import { DomainError, notFound } from "../errors";
import { diffContent, loadReferenceLabels } from "../review/diff";
import { type RecordContent, revisionContentSelect, revisionToContent } from "./content";

/** The author of a revision no person wrote (the demo archive, a script), or whose account is gone. */
const NO_ACCOUNT = "Dossier (no account)";

/** The record if the caller may see its history: withdrawn records only for reviewers and admins. */
async function publicRecord(db: DbOrTx, recordId: number, staff: boolean) {
  const record = await db.archivalRecord.findUnique({
    where: { id: recordId },
    select: { id: true, status: true, version: true, withdrawnAt: true, withdrawnReason: true, publishedRevision: { select: { number: true, title: true } } },
  });
  if (!record || record.status === "draft" || !record.publishedRevision) throw notFound(`Record ${recordId}`);
  if (record.status === "withdrawn" && !staff) throw new DomainError("NOT_FOUND", `Record ${recordId} was withdrawn from the public archive.`);
  return record;
}

export async function listHistory(db: DbOrTx, recordId: number, staff = false) {
  const record = await publicRecord(db, recordId, staff);
  const revisions = await db.recordRevision.findMany({
    where: { recordId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      message: true,
      createdAt: true,
      author: { select: { name: true } },
      changeRequest: { select: { id: true, reviewer: { select: { name: true } } } },
    },
  });
  return {
    record: { id: record.id, status: record.status, version: record.version, title: record.publishedRevision!.title, currentNumber: record.publishedRevision!.number },
    revisions: revisions.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      message: r.message,
      createdAt: r.createdAt,
      author: r.author?.name ?? NO_ACCOUNT,
      approvedBy: r.changeRequest?.reviewer?.name ?? null,
    })),
  };
}

export async function getRevision(db: DbOrTx, recordId: number, number: number, staff = false) {
  const record = await publicRecord(db, recordId, staff);
  const revision = await db.recordRevision.findUnique({
    where: { recordId_number: { recordId, number } },
    select: { ...revisionContentSelect, createdAt: true, message: true, dateEdtf: true, author: { select: { name: true } } },
  });
  if (!revision) throw notFound(`Revision ${number} of record ${recordId}`);
  const content = revisionToContent(revision);
  return {
    record: { id: record.id, status: record.status, version: record.version, currentNumber: record.publishedRevision!.number },
    revision: { number: revision.number, createdAt: revision.createdAt, message: revision.message, author: revision.author?.name ?? NO_ACCOUNT, dateEdtf: revision.dateEdtf },
    content,
  };
}

/** One revision as its permalink page shows it: its content and its references by name. */
export async function getRevisionPermalink(db: DbOrTx, recordId: number, number: number, staff = false) {
  const found = await getRevision(db, recordId, number, staff);
  return { ...found, references: await revisionReferences(db, found.content) };
}

/** A revision's references by name, as its permalink page shows them: the people, places, bodies
 * and subjects it names (with the spelling it used), its collections, and the public documents it
 * links to. Links to records that are not public are left out. */
export async function revisionReferences(db: DbOrTx, content: RecordContent) {
  const labels = await loadReferenceLabels(db, [content]);
  const entityIds = [...labels.entities.keys()];
  const [entities, collections] = await Promise.all([
    db.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, type: true } }),
    db.collection.findMany({ where: { id: { in: content.collectionIds } }, select: { id: true, title: true, slug: true } }),
  ]);
  const types = new Map(entities.map((e) => [e.id, e.type]));
  return {
    mentions: content.mentions.flatMap((m) =>
      m.entityId !== undefined && labels.entities.has(m.entityId)
        ? [{ id: m.entityId, type: types.get(m.entityId)!, name: labels.entities.get(m.entityId)!, asWritten: m.nameId ? (labels.names.get(m.nameId) ?? null) : null, role: m.role }]
        : [],
    ),
    collections,
    links: content.links.flatMap((l) => (labels.records.has(l.targetRecordId) ? [{ recordId: l.targetRecordId, title: labels.records.get(l.targetRecordId)!, type: l.type, note: l.note }] : [])),
  };
}

export async function compareRevisions(db: DbOrTx, recordId: number, from: number, to: number, staff = false) {
  const [a, b] = await Promise.all([getRevision(db, recordId, from, staff), getRevision(db, recordId, to, staff)]);
  const labels = await loadReferenceLabels(db, [a.content, b.content]);
  return { record: a.record, from: a.revision, to: b.revision, title: b.content.title, diff: diffContent(a.content, b.content, labels) };
}
