// What a citation says about one revision of a published record, read in one query: the
// revision's fields, its authors and recipients (entity mentions with those roles), the
// credits it gives (translator), and its collections. The permalink of that revision is what
// every citation points at, so a later edit never changes what a citation refers to.
import type { DbOrTx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { DatePrecision } from "../dates/imprecise-date";

export interface Citable {
  recordId: number;
  /** The revision cited (its permalink): the published one unless another was asked for. */
  revision: number;
  title: string;
  dateText: string;
  dateEarliest: string;
  dateLatest: string;
  precision: DatePrecision;
  approximate: boolean;
  uncertain: boolean;
  documentType: string;
  originalLanguage: string;
  summary: string;
  sourceArchive: string;
  sourceLocator: string;
  rights: string;
  /** Authors and recipients by their preferred names, in the record's order; organizations too. */
  authors: string[];
  recipients: string[];
  /** Credited translators ("translated by"). */
  translators: string[];
  collections: { id: number; slug: string; title: string }[];
  /** The day this revision was published. */
  published: string;
}

export type CitableLookup = { kind: "found"; citable: Citable } | { kind: "withdrawn"; recordId: number } | { kind: "missing" };

/**
 * The citable revision `number` of record `recordId` (null: the published one). Records never
 * published, and revisions that do not exist, are missing; withdrawn records are gone (410).
 */
export async function loadCitable(db: DbOrTx, recordId: number, number: number | null): Promise<CitableLookup> {
  // The usual case, the published revision of a published record, in one query.
  if (number === null) {
    const published = await db.recordRevision.findFirst({ where: { publishedFor: { is: { id: recordId, status: "published" } } }, select: CITABLE_SELECT });
    if (published) return { kind: "found", citable: toCitable(recordId, published) };
  }
  const record = await db.archivalRecord.findUnique({
    where: { id: recordId },
    select: { status: true, publishedRevision: { select: { number: true } } },
  });
  if (!record || record.status === "draft" || !record.publishedRevision) return { kind: "missing" };
  if (record.status === "withdrawn") return { kind: "withdrawn", recordId };
  const revision = await db.recordRevision.findUnique({
    where: { recordId_number: { recordId, number: number ?? record.publishedRevision.number } },
    select: CITABLE_SELECT,
  });
  // Revisions exist only once approved, so each one's permalink stays public (as its page does).
  if (!revision) return { kind: "missing" };
  return { kind: "found", citable: toCitable(recordId, revision) };
}

/** The citable published revisions of these records (published ones only), by record id. */
export async function loadCitables(db: DbOrTx, recordIds: number[]): Promise<Map<number, Citable>> {
  const revisions = await db.recordRevision.findMany({
    where: { publishedFor: { is: { id: { in: recordIds }, status: "published" } } },
    select: { ...CITABLE_SELECT, recordId: true },
  });
  return new Map(revisions.map((r) => [r.recordId, toCitable(r.recordId, r)]));
}

const CITABLE_SELECT = {
  number: true,
  title: true,
  dateText: true,
  dateEarliest: true,
  dateLatest: true,
  datePrecision: true,
  dateApproximate: true,
  dateUncertain: true,
  documentType: true,
  originalLanguage: true,
  summary: true,
  sourceArchive: true,
  sourceLocator: true,
  rights: true,
  credits: true,
  createdAt: true,
  mentions: {
    where: { role: { in: ["author", "recipient"] } },
    orderBy: { id: "asc" },
    select: { role: true, entity: { select: { names: { where: { isPreferred: true }, select: { name: true }, take: 1 } } } },
  },
  collections: { select: { collection: { select: { id: true, slug: true, title: true } } }, orderBy: { collectionId: "asc" } },
} satisfies Prisma.RecordRevisionSelect;

type CitableRevision = Prisma.RecordRevisionGetPayload<{ select: typeof CITABLE_SELECT }>;

function toCitable(recordId: number, revision: CitableRevision): Citable {
  const named = (role: string) =>
    [...new Set(revision.mentions.filter((m) => m.role === role).map((m) => m.entity.names[0]?.name).filter((n): n is string => !!n))];
  const credits = (Array.isArray(revision.credits) ? revision.credits : []) as { role: string; name: string }[];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    recordId,
    revision: revision.number,
    title: revision.title,
    dateText: revision.dateText,
    dateEarliest: day(revision.dateEarliest),
    dateLatest: day(revision.dateLatest),
    precision: revision.datePrecision,
    approximate: revision.dateApproximate,
    uncertain: revision.dateUncertain,
    documentType: revision.documentType,
    originalLanguage: revision.originalLanguage,
    summary: revision.summary,
    sourceArchive: revision.sourceArchive,
    sourceLocator: revision.sourceLocator,
    rights: revision.rights,
    authors: named("author"),
    recipients: named("recipient"),
    translators: credits.filter((c) => c.role === "translated_by").map((c) => c.name),
    collections: revision.collections.map((c) => c.collection),
    published: day(revision.createdAt),
  };
}
