// Read models for public entity pages.
import type { DbOrTx } from "../db";
import { summarySelect, toSummary, type RecordSummary } from "../records/queries";

export type SortOrder = "asc" | "desc";

export interface EntityRecordsPage {
  total: number;
  page: number;
  pageSize: number;
  /** 1-based positions of the first and last result shown ("Results: 1 - 9 of 9"). */
  from: number;
  to: number;
  records: RecordSummary[];
}

export async function getEntity(db: DbOrTx, id: number) {
  const entity = await db.entity.findUnique({
    where: { id },
    select: {
      id: true,
      type: true,
      description: true,
      datesText: true,
      mergedIntoId: true,
      names: { orderBy: [{ isPreferred: "desc" }, { id: "asc" }], select: { id: true, name: true, language: true, romanization: true, isPreferred: true } },
      identifiers: { orderBy: { scheme: "asc" }, select: { scheme: true, value: true } },
    },
  });
  if (!entity) return null;
  const preferred = entity.names.find((n) => n.isPreferred) ?? entity.names[0];
  return { ...entity, name: preferred?.name ?? "(unnamed)" };
}

/** Published records that mention the entity, by date, one page at a time. */
export async function getEntityRecords(
  db: DbOrTx,
  entityId: number,
  options: { sort: SortOrder; page: number; pageSize: number },
): Promise<EntityRecordsPage> {
  const where = {
    status: "published" as const,
    publishedRevision: { is: { mentions: { some: { entityId } } } },
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
  const from = total === 0 ? 0 : Math.min((options.page - 1) * options.pageSize + 1, total);
  return { total, page: options.page, pageSize: options.pageSize, from, to: from === 0 ? 0 : from + rows.length - 1, records: rows.map(toSummary) };
}
