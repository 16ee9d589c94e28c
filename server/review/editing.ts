// Where an editor starts when they open a record for editing: their own open draft for it if
// they have one (so nothing typed is lost across reloads and sign-ins), else the current content.
import type { DbOrTx } from "../db";
import { conflict, notFound } from "../errors";
import { type DraftContent, revisionContentSelect, revisionToContent } from "../records/content";
import { findOpenDraft } from "./change-requests";
import { loadReferenceLabels } from "./diff";

/** Display names for a draft's references: "entity:12" (preferred), "name:40" (variant), "record:7" (title). */
export async function editorLabels(db: DbOrTx, content: DraftContent): Promise<Record<string, string>> {
  const labels = await loadReferenceLabels(db, [content]);
  return Object.fromEntries([
    ...[...labels.entities].map(([id, name]) => [`entity:${id}`, name]),
    ...[...labels.names].map(([id, name]) => [`name:${id}`, name]),
    ...[...labels.records].map(([id, title]) => [`record:${id}`, title]),
  ]);
}

export async function startEdit(db: DbOrTx, authorId: string, recordId: number) {
  const draft = await findOpenDraft(db, authorId, recordId);
  if (draft) return { draftId: draft.id, baseRevisionId: null, content: null, labels: {} };
  const record = await db.archivalRecord.findUnique({
    where: { id: recordId },
    select: { status: true, publishedRevision: { select: revisionContentSelect } },
  });
  if (!record?.publishedRevision) throw notFound(`Record ${recordId}`);
  if (record.status === "withdrawn") throw conflict(`Record ${recordId} is withdrawn; an admin must restore it before it can change.`);
  const content = revisionToContent(record.publishedRevision);
  return { draftId: null, baseRevisionId: record.publishedRevision.id, content, labels: await editorLabels(db, content) };
}
