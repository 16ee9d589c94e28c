// The one search document shape, built from a record's published revision: what every search
// engine indexes. Entities come with all their variant names, so any spelling finds the record.
import { z } from "zod";
import type { DbOrTx } from "../db";

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

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Long ranges ("19XX") would list a century of years; the timeline shows the earliest year then
 * (both engines: the documents' `years`, and the PostgreSQL engine's own count).
 */
export const MAX_YEARS = 20;

/**
 * The search documents for records as the public sees them now. Records that are not public
 * (draft, withdrawn, missing) are absent from the result: the caller deletes them from the index.
 */
export async function buildSearchDocuments(db: DbOrTx, recordIds: number[]): Promise<Map<number, SearchDocument>> {
  const records = await db.archivalRecord.findMany({
    where: { id: { in: recordIds }, status: "published", publishedRevisionId: { not: null } },
    select: {
      id: true,
      publishedRevision: {
        select: {
          id: true,
          title: true,
          summary: true,
          fullText: true,
          dateText: true,
          dateEarliest: true,
          dateLatest: true,
          documentType: true,
          originalLanguage: true,
          collections: { select: { collection: { select: { id: true, slug: true, title: true } } } },
          mentions: {
            select: {
              role: true,
              entity: {
                select: {
                  id: true,
                  type: true,
                  names: { orderBy: [{ isPreferred: "desc" }, { id: "asc" }], select: { name: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  const documents = new Map<number, SearchDocument>();
  for (const record of records) {
    const rev = record.publishedRevision!;
    const first = rev.dateEarliest.getUTCFullYear();
    const last = rev.dateLatest.getUTCFullYear();
    const years = last - first < MAX_YEARS ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [first];
    documents.set(
      record.id,
      searchDocumentSchema.parse({
        id: record.id,
        revisionId: rev.id,
        title: rev.title,
        summary: rev.summary,
        fullText: rev.fullText,
        dateText: rev.dateText,
        dateEarliest: day(rev.dateEarliest),
        dateLatest: day(rev.dateLatest),
        years,
        decade: Math.floor(first / 10) * 10,
        documentType: rev.documentType,
        language: rev.originalLanguage,
        collections: rev.collections.map((c) => c.collection),
        entities: rev.mentions.map((m) => ({
          id: m.entity.id,
          type: m.entity.type,
          role: m.role,
          name: m.entity.names[0]?.name ?? "",
          variants: m.entity.names.slice(1).map((n) => n.name),
        })),
      }),
    );
  }
  return documents;
}
