// Dossier's interchange shape for records, one JSON object per line (docs/import.md): what the
// archive export writes and bulk import reads back (server/imports/formats/jsonl.ts), so that an
// export imports without loss. Published records only, in id order, read a page at a time.
import type { DbOrTx } from "../db";
import type { RecordLine } from "../imports/formats/jsonl";
import { revisionFieldsSelect } from "../records/content";

const PAGE = 500;

/** Every published record as an interchange line, streamed in pages. */
export async function* publishedRecordLines(db: DbOrTx, options: { ids?: number[] } = {}): AsyncGenerator<RecordLine> {
  for (let after = 0; ; ) {
    const records = await db.archivalRecord.findMany({
      where: { status: "published", id: { gt: after, ...(options.ids ? { in: options.ids } : {}) } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        publishedRevision: {
          select: {
            number: true,
            ...revisionFieldsSelect,
            collections: { select: { collection: { select: { id: true, slug: true, title: true } } }, orderBy: { collectionId: "asc" } },
            mentions: {
              orderBy: { id: "asc" },
              select: {
                role: true,
                name: { select: { name: true } },
                entity: { select: { id: true, type: true, description: true, names: { select: { name: true, isPreferred: true }, orderBy: { id: "asc" } } } },
              },
            },
            links: { select: { targetRecordId: true, type: true, note: true }, orderBy: { id: "asc" } },
          },
        },
      },
    });
    if (!records.length) return;
    const keys = await db.recordImportKey.findMany({ where: { recordId: { in: records.map((r) => r.id) } }, select: { key: true, recordId: true } });
    const keyOf = new Map(keys.map((k) => [k.recordId, k.key]));
    for (const record of records) {
      const r = record.publishedRevision!;
      yield {
        id: record.id,
        ...(keyOf.has(record.id) ? { key: keyOf.get(record.id) } : {}),
        revision: r.number,
        title: r.title,
        date: r.dateText,
        summary: r.summary,
        fullText: r.fullText,
        originalLanguage: r.originalLanguage,
        textLanguages: r.textLanguages,
        documentType: r.documentType,
        source: { archive: r.sourceArchive, locator: r.sourceLocator },
        rights: r.rights,
        credits: Array.isArray(r.credits) ? (r.credits as { role: string; name: string }[]) : [],
        collections: r.collections.map((c) => c.collection),
        mentions: r.mentions.map((m) => {
          const preferred = m.entity.names.find((n) => n.isPreferred)?.name ?? m.entity.names[0]?.name ?? "";
          return {
            role: m.role,
            ...(m.name ? { as: m.name.name } : {}),
            entity: { id: m.entity.id, type: m.entity.type, name: preferred, names: m.entity.names.map((n) => n.name).filter((n) => n !== preferred), description: m.entity.description },
          };
        }),
        links: r.links.map((l) => ({ type: l.type, record: l.targetRecordId, note: l.note })),
      };
    }
    after = records[records.length - 1]!.id;
  }
}
