// Where an editor starts when they open a record for editing: their own open draft for it if
// they have one (so nothing typed is lost across reloads and sign-ins), else the current content.
import type { DbOrTx } from "../db";
import { conflict, notFound } from "../errors";
import { revisionContentSelect, revisionToContent } from "../records/content";
import { findOpenDraft } from "./change-requests";

export async function startEdit(db: DbOrTx, authorId: string, recordId: number) {
  const draft = await findOpenDraft(db, authorId, recordId);
  if (draft) return { draftId: draft.id, baseRevisionId: null, content: null };
  const record = await db.archivalRecord.findUnique({
    where: { id: recordId },
    select: { status: true, publishedRevision: { select: revisionContentSelect } },
  });
  if (!record?.publishedRevision) throw notFound(`Record ${recordId}`);
  if (record.status === "withdrawn") throw conflict(`Record ${recordId} is withdrawn; an admin must restore it before it can change.`);
  return { draftId: null, baseRevisionId: record.publishedRevision.id, content: revisionToContent(record.publishedRevision) };
}
