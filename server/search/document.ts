// The one search document shape, built from a record's published revision: what every search
// engine indexes. Entities come with all their variant names, so any spelling finds the record.
import { z } from "zod";
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";

const { sql } = Prisma;

export const searchEntitySchema = z.object({
  id: z.int(),
  type: z.enum(["person", "organization", "place", "subject"]),
  role: z.string(),
  name: z.string(),
  variants: z.array(z.string()),
});

export const searchDocumentSchema = z.object({
  id: z.int32().positive(),
  revisionId: z.int32().positive(),
  title: z.string().min(1),
  summary: z.string(),
  fullText: z.string(),
  dateText: z.string(),
  /** YYYY-MM-DD */
  dateEarliest: z.iso.date(),
  dateLatest: z.iso.date(),
  /** Every year the date range touches (the timeline counts a record once per year). */
  years: z.array(z.int()),
  decade: z.int(),
  documentType: z.string(),
  language: z.string(),
  collections: z.array(z.object({ id: z.int(), slug: z.string(), title: z.string() })),
  entities: z.array(searchEntitySchema),
});

export type SearchDocument = z.infer<typeof searchDocumentSchema>;
export type SearchEntity = z.infer<typeof searchEntitySchema>;

/**
 * Long ranges ("19XX") would list a century of years; the timeline shows the earliest year then
 * (both engines: the documents' `years`, and the PostgreSQL engine's own count).
 */
export const MAX_YEARS = 20;

/**
 * The search documents for records as the public sees them now. Records that are not public
 * (draft, withdrawn, missing) are absent from the result: the caller deletes them from the index.
 */
export async function buildSearchDocuments(db: Db, recordIds: number[]): Promise<Map<number, SearchDocument>> {
  // One statement through node-postgres (readRows): the nested findMany this replaced cost the
  // sync worker seven queries per batch and Prisma's mapping of every mention and name row.
  // Collections and mentions in id order; each entity's preferred name first, then the others.
  const rows = await readRows<{
    id: number;
    revisionId: number;
    title: string;
    summary: string;
    fullText: string;
    dateText: string;
    dateEarliest: string;
    dateLatest: string;
    first: number;
    last: number;
    documentType: string;
    language: string;
    collections: { id: number; slug: string; title: string }[];
    mentions: { id: number; type: SearchEntity["type"]; role: string; names: string[] | null }[];
  }>(db, sql`
    SELECT r.id, v.id AS "revisionId", v.title, v.summary, v.full_text AS "fullText", v.date_text AS "dateText",
      to_char(v.date_earliest, 'YYYY-MM-DD') AS "dateEarliest", to_char(v.date_latest, 'YYYY-MM-DD') AS "dateLatest",
      extract(year FROM v.date_earliest)::int AS first, extract(year FROM v.date_latest)::int AS last,
      v.document_type::text AS "documentType", v.original_language AS language,
      coalesce((SELECT json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title) ORDER BY c.id)
        FROM revision_collections rc JOIN collections c ON c.id = rc.collection_id WHERE rc.revision_id = v.id), '[]') AS collections,
      coalesce((SELECT json_agg(json_build_object('id', e.id, 'type', e.type, 'role', m.role,
          'names', (SELECT json_agg(n.name ORDER BY n.is_preferred DESC, n.id) FROM entity_names n WHERE n.entity_id = e.id)) ORDER BY m.id)
        FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.revision_id = v.id), '[]') AS mentions
    FROM records r JOIN record_revisions v ON v.id = r.published_revision_id
    WHERE r.id = ANY(${recordIds}::int[]) AND r.status = 'published'`);
  const documents = new Map<number, SearchDocument>();
  for (const row of rows) {
    const { first, last } = row;
    const years = last - first < MAX_YEARS ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [first];
    documents.set(
      row.id,
      searchDocumentSchema.parse({
        id: row.id,
        revisionId: row.revisionId,
        title: row.title,
        summary: row.summary,
        fullText: row.fullText,
        dateText: row.dateText,
        dateEarliest: row.dateEarliest,
        dateLatest: row.dateLatest,
        years,
        decade: Math.floor(first / 10) * 10,
        documentType: row.documentType,
        language: row.language,
        collections: row.collections,
        entities: row.mentions.map((m) => ({
          id: m.id,
          type: m.type,
          role: m.role,
          name: m.names?.[0] ?? "",
          variants: m.names?.slice(1) ?? [],
        })),
      }),
    );
  }
  return documents;
}
