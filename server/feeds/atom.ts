// Atom feeds (RFC 4287) of newly published and revised records: the whole archive, one
// collection, or one entity ("new documents about Choe Yong-geon"), newest change first.
import { DOCUMENT_TYPE_LABELS } from "@/components/records/labels";
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { escapeXml } from "../http/xml";
import { collectionPath, entityPath, recordPath } from "../slug";

const { sql, empty } = Prisma;

/** Entries per feed. */
export const FEED_ENTRIES = 50;

export type FeedScope = { kind: "archive" } | { kind: "collection"; slug: string } | { kind: "entity"; id: number };

type Entry = { id: number; title: string; summary: string; date_text: string; document_type: string; updated: string; published: string };

/** The feed of a scope, or null when the collection or entity does not exist (or was merged: its URL redirects). */
export async function atomFeed(db: Db, scope: FeedScope, site: { appUrl: string; archiveName: string }): Promise<string | null> {
  let title = `${site.archiveName}: new documents`;
  let pagePath = "/";
  let feedPath = "/feeds/records.xml";
  let filter = empty;
  if (scope.kind === "collection") {
    const [collection] = await readRows<{ id: number; title: string; slug: string }>(db, sql`SELECT id, title, slug FROM collections WHERE slug = ${scope.slug}`);
    if (!collection) return null;
    title = `${site.archiveName}: new documents in ${collection.title}`;
    pagePath = collectionPath(collection);
    feedPath = `${pagePath}/feed.xml`;
    filter = sql`AND EXISTS (SELECT 1 FROM revision_collections rc WHERE rc.revision_id = r.published_revision_id AND rc.collection_id = ${collection.id})`;
  } else if (scope.kind === "entity") {
    const [entity] = await readRows<{ id: number; name: string; merged: boolean }>(db, sql`
      SELECT e.id, n.name, e.merged_into_id IS NOT NULL AS merged FROM entities e JOIN entity_names n ON n.entity_id = e.id AND n.is_preferred WHERE e.id = ${scope.id}`);
    if (!entity || entity.merged) return null;
    title = `${site.archiveName}: new documents about ${entity.name}`;
    pagePath = entityPath(entity);
    feedPath = `/entities/${entity.id}/feed.xml`;
    // Mentions of entities merged into this one count as mentions of it.
    filter = sql`AND EXISTS (SELECT 1 FROM mentions m JOIN entities me ON me.id = m.entity_id
      WHERE m.revision_id = r.published_revision_id AND (me.id = ${entity.id} OR me.merged_into_id = ${entity.id}))`;
  }
  const entries = await readRows<Entry>(db, sql`
    SELECT r.id, v.title, v.summary, v.date_text, v.document_type::text AS document_type,
      to_char(r.public_changed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated,
      to_char((SELECT min(f.created_at) FROM record_revisions f WHERE f.record_id = r.id), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published
    FROM records r JOIN record_revisions v ON v.id = r.published_revision_id
    WHERE r.status = 'published' ${filter}
    ORDER BY r.public_changed_at DESC, r.id DESC
    LIMIT ${FEED_ENTRIES}`);
  const abs = (path: string) => escapeXml(new URL(path, site.appUrl).toString());
  const updated = entries[0]?.updated ?? new Date().toISOString().slice(0, 19) + "Z";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">` +
    `<id>${abs(feedPath)}</id><title>${escapeXml(title)}</title><updated>${updated}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${abs(feedPath)}"/><link rel="alternate" type="text/html" href="${abs(pagePath)}"/>` +
    `<author><name>${escapeXml(site.archiveName)}</name></author>` +
    entries
      .map((e) => {
        const url = abs(recordPath(e));
        const type = DOCUMENT_TYPE_LABELS[e.document_type] ?? "Document";
        return (
          `<entry><id>${abs(`/records/${e.id}`)}</id><title>${escapeXml(e.title)}</title><link rel="alternate" type="text/html" href="${url}"/>` +
          `<updated>${e.updated}</updated><published>${e.published}</published>` +
          `<category term="${escapeXml(e.document_type)}" label="${escapeXml(type)}"/>` +
          `<summary>${escapeXml(`${type}, ${e.date_text}. ${e.summary}`)}</summary></entry>`
        );
      })
      .join("") +
    `</feed>\n`
  );
}
