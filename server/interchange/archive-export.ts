// The whole published archive for its owners: JSON Lines in the interchange shape (what bulk
// import reads back, without loss) or CSV with the column names the import's mapping step
// recognizes. Streamed a page of records at a time: memory stays flat in the archive's size.
import { stringify } from "csv-stringify/sync";
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { neutralizeCell } from "../http/csv";
import type { RecordLine } from "../imports/formats/jsonl";
import { publishedRecordLines, publishedRecordLineTexts } from "./record-lines";

export const ARCHIVE_EXPORT_FORMATS = {
  jsonl: { extension: "jsonl", type: "application/jsonl; charset=utf-8", label: "JSON Lines" },
  csv: { extension: "csv", type: "text/csv; charset=utf-8", label: "CSV" },
} as const;
export type ArchiveExportFormat = keyof typeof ARCHIVE_EXPORT_FORMATS;

/** How many records an export holds (published ones). */
export async function archiveExportSize(db: Db): Promise<number> {
  const [row] = await readRows<{ n: number }>(db, Prisma.sql`SELECT count(*)::int AS n FROM records WHERE status = 'published'`);
  return row!.n;
}

/** The export as chunks of text (a page of records each). */
export async function* archiveExport(db: Db, format: ArchiveExportFormat, appUrl: string): AsyncGenerator<string> {
  if (format === "jsonl") {
    for await (const lines of publishedRecordLineTexts(db)) if (lines.length) yield lines.join("\n") + "\n";
    return;
  }
  yield csvRows([], appUrl, true);
  let batch: RecordLine[] = [];
  for await (const line of publishedRecordLines(db)) {
    batch.push(line);
    if (batch.length === 500) {
      yield csvRows(batch, appUrl, false);
      batch = [];
    }
  }
  if (batch.length) yield csvRows(batch, appUrl, false);
}

/** Columns named as the import's mapping step guesses them (server/imports/mapping.ts), so a CSV export imports back. */
const CSV_COLUMNS = [
  "id", "identifier", "revision", "title", "date", "summary", "full text", "original language", "text languages", "document type",
  "source archive", "source locator", "rights", "translated by", "obtained by", "authors", "recipients", "people", "organizations",
  "places", "subjects", "collections", "links", "url",
];

function csvRows(lines: RecordLine[], appUrl: string, header: boolean): string {
  const list = (values: string[]) => values.join("; ");
  type Mention = NonNullable<RecordLine["mentions"]>[number];
  const names = (line: RecordLine, test: (m: Mention) => boolean) => list((line.mentions ?? []).filter(test).map((m) => m.entity.name));
  const credited = (line: RecordLine, role: string) => list((line.credits ?? []).filter((c) => c.role === role).map((c) => c.name));
  const rows = lines.map((line) => [
    line.id,
    line.key ?? "",
    line.revision,
    line.title,
    line.date,
    line.summary,
    line.fullText,
    line.originalLanguage,
    list(line.textLanguages ?? []),
    line.documentType,
    line.source?.archive ?? "",
    line.source?.locator ?? "",
    line.rights,
    credited(line, "translated_by"),
    credited(line, "obtained_by"),
    names(line, (m) => m.role === "author"),
    names(line, (m) => m.role === "recipient"),
    names(line, (m) => m.role === "mentioned" && m.entity.type === "person"),
    names(line, (m) => m.role === "mentioned" && m.entity.type === "organization"),
    names(line, (m) => m.entity.type === "place"),
    names(line, (m) => m.entity.type === "subject"),
    list((line.collections ?? []).map((c) => c.slug ?? c.title ?? "")),
    list((line.links ?? []).map((l) => `${l.type} ${l.record}`)),
    new URL(`/records/${line.id}`, appUrl).toString(),
  ]);
  return stringify(rows, { header, columns: CSV_COLUMNS, cast: { string: neutralizeCell } });
}
