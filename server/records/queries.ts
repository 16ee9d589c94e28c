// Read models for public pages. Only published revisions of published records are ever read.
import type { DbOrTx } from "../db";
import type { EntityType, MentionRole } from "../generated/prisma/enums";
import { revisionFieldsSelect } from "./content";
import { LINK_LABELS } from "./links";

const preferredName = { where: { isPreferred: true }, select: { name: true }, take: 1 } as const;

export interface RecordSummary {
  id: number;
  title: string;
  dateText: string;
  dateEarliest: Date;
  summary: string;
  documentType: string;
}

const summarySelect = {
  id: true,
  publishedRevision: { select: { title: true, dateText: true, dateEarliest: true, summary: true, documentType: true } },
} as const;

function toSummary(r: { id: number; publishedRevision: Omit<RecordSummary, "id"> | null }): RecordSummary {
  return { id: r.id, ...r.publishedRevision! };
}

export async function listRecentRecords(db: DbOrTx, limit: number): Promise<RecordSummary[]> {
  const rows = await db.archivalRecord.findMany({
    where: { status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export type PublicRecord = Awaited<ReturnType<typeof loadPublishedRecord>>;

async function loadPublishedRecord(db: DbOrTx, id: number) {
  const record = await db.archivalRecord.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      version: true,
      withdrawnAt: true,
      withdrawnReason: true,
      publishedAt: true,
      publishedRevision: {
        select: {
          id: true,
          number: true,
          ...revisionFieldsSelect,
          dateEdtf: true,
          dateEarliest: true,
          dateLatest: true,
          datePrecision: true,
          createdAt: true,
          mentions: {
            select: {
              role: true,
              name: { select: { name: true } },
              entity: { select: { id: true, type: true, names: preferredName } },
            },
          },
          links: {
            where: { targetRecord: { status: "published" } },
            select: { type: true, note: true, targetRecord: { select: summarySelect } },
          },
          collections: { select: { collection: { select: { id: true, slug: true, title: true } } } },
        },
      },
    },
  });
  if (!record?.publishedRevision) return null;
  const revision = record.publishedRevision;

  // Links other published records made to this one, shown with their inverse label.
  const incoming = await db.revisionLink.findMany({
    where: { targetRecordId: id, revision: { publishedFor: { is: { status: "published" } } } },
    select: { type: true, note: true, revision: { select: { recordId: true, title: true, dateText: true } } },
  });

  const entities = revision.mentions.map((m) => ({
    id: m.entity.id,
    type: m.entity.type as EntityType,
    name: m.entity.names[0]?.name ?? "(unnamed)",
    role: m.role as MentionRole,
    asWritten: m.name?.name ?? null,
  }));

  return {
    id: record.id,
    status: record.status,
    version: record.version,
    withdrawnAt: record.withdrawnAt,
    withdrawnReason: record.withdrawnReason,
    publishedAt: record.publishedAt,
    revision: { ...revision, mentions: undefined, links: undefined, collections: undefined },
    credits: (Array.isArray(revision.credits) ? revision.credits : []) as { role: string; name: string }[],
    entities,
    collections: revision.collections.map((c) => c.collection),
    related: [
      ...revision.links.map((l) => ({
        label: LINK_LABELS[l.type].outgoing,
        note: l.note,
        record: toSummary(l.targetRecord),
      })),
      ...incoming.map((l) => ({
        label: LINK_LABELS[l.type].incoming,
        note: l.note,
        record: { id: l.revision.recordId, title: l.revision.title, dateText: l.revision.dateText },
      })),
    ],
  };
}

export type RecordLookup =
  | { kind: "published"; record: NonNullable<PublicRecord>; withdrawnAt?: Date | null }
  | { kind: "withdrawn"; id: number; withdrawnAt: Date | null; version: number; title: string; dateText: string; reason: string }
  | { kind: "missing" };

/**
 * A record as the caller may see it: published, withdrawn (gone), or missing (never public).
 * `staff` (reviewers and admins) still read a withdrawn record in full, marked with when it was
 * withdrawn, so they can judge whether to restore it.
 */
export async function getPublicRecord(db: DbOrTx, id: number, staff = false): Promise<RecordLookup> {
  const record = await loadPublishedRecord(db, id);
  if (!record || record.status === "draft") return { kind: "missing" };
  if (record.status === "withdrawn") {
    return staff ? { kind: "published", record, withdrawnAt: record.withdrawnAt } : {
          kind: "withdrawn",
          id: record.id,
          withdrawnAt: record.withdrawnAt,
          version: record.version,
          // What was withdrawn and why, for the 410 page: the title and date were public before.
          title: record.revision.title,
          dateText: record.revision.dateText,
          reason: record.withdrawnReason ?? "",
        };
  }
  return { kind: "published", record };
}


export type SortOrder = "asc" | "desc";

export interface RecordsPage {
  total: number;
  page: number;
  pageSize: number;
  /** 1-based positions of the first and last result shown ("Results: 1 - 9 of 9"). */
  from: number;
  to: number;
  records: RecordSummary[];
}

/** Published records that mention an entity and/or belong to a collection, by date, one page at a time. */
export async function pagePublishedRecords(
  db: DbOrTx,
  filter: { entityId?: number; collectionId?: number },
  options: { sort: SortOrder; page: number; pageSize: number },
): Promise<RecordsPage> {
  const where = {
    status: "published" as const,
    publishedRevision: {
      is: {
        ...(filter.entityId !== undefined ? { mentions: { some: { entityId: filter.entityId } } } : {}),
        ...(filter.collectionId !== undefined ? { collections: { some: { collectionId: filter.collectionId } } } : {}),
      },
    },
  };
  const [total, rows] = await Promise.all([
    db.archivalRecord.count({ where }),
    db.archivalRecord.findMany({
      where,
      orderBy: [{ sortDate: options.sort }, { id: options.sort }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
      select: summarySelect,
    }),
  ]);
  const from = rows.length === 0 ? 0 : (options.page - 1) * options.pageSize + 1;
  return { total, page: options.page, pageSize: options.pageSize, from, to: from === 0 ? 0 : from + rows.length - 1, records: rows.map(toSummary) };
}
