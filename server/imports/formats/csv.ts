// CSV: read by csv-parse (the csv project's streaming RFC 4180 parser: quotes, embedded line
// breaks, any delimiter, line numbers), after decode.ts has made the bytes text. The delimiter is
// found by parsing the first lines with each candidate and keeping the one that splits them into
// the most consistent columns. A quoting error makes the file unreadable (everything after an
// unclosed quote is one value: no row after it can be trusted); a row with the wrong number of
// values is an error of that row only.
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { MentionRole } from "../../generated/prisma/enums";
import { type ColumnTarget, type CsvMapping, DELIMITERS, type Delimiter, MAX_COLUMNS } from "../mapping";
import { type EntityKind, type ImportRow, type Problem, type RowEntity, UnreadableFile } from "../row";
import { type Decoding, decodeText, type Encoding, peek } from "./decode";

/** A value longer than this is refused (a runaway quote swallowing the file, or not a CSV). */
const MAX_RECORD_CHARS = 2_000_000;

/** The start of a text stream (about `chars` characters) and the whole stream again. */
async function sampleText(text: AsyncIterable<string>, chars: number) {
  const { head, all } = await peek(text, (part) => part.length, chars);
  return { sample: head.join(""), all };
}

/** The delimiter that splits the first lines into the most consistent columns (comma on a tie). */
export function sniffDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: -1 };
  for (const delimiter of Object.keys(DELIMITERS) as Delimiter[]) {
    let rows: string[][];
    try {
      rows = parseSync(sample, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 50 });
    } catch {
      continue;
    }
    if (rows.length === 0) continue;
    const width = rows[0]!.length;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** `lastLine`: where the last good record ended (a quote left open starts in the record after it). */
function csvProblem(error: unknown, lastLine: number): never {
  if (error instanceof UnreadableFile) throw error;
  if (error instanceof CsvError) {
    const line = error.code === "CSV_QUOTE_NOT_CLOSED" ? lastLine + 1 : (error as CsvError & { lines?: number }).lines;
    const where = line ? `Line ${line}: ` : "";
    if (error.code === "CSV_QUOTE_NOT_CLOSED") throw new UnreadableFile(`${where}a quoted value is never closed, so the rest of the file would be read as one value. Close the quote (or remove it) and upload again.`);
    if (error.code === "CSV_INVALID_CLOSING_QUOTE") throw new UnreadableFile(`${where}a quote closes a value but more text follows it before the delimiter. Double the quotes inside quoted values ("") and upload again.`);
    if (error.code === "CSV_MAX_RECORD_SIZE") throw new UnreadableFile(`${where}a value is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters (an unclosed quote?).`);
    throw new UnreadableFile(`${where}${error.message}`);
  }
  throw error;
}

async function* records(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<{ line: number; values: string[] }> {
  // Where the last record the parser finished ended, noted as it parses (records it parsed but
  // this loop has not read yet are dropped when it fails).
  let lastLine = 0;
  const parser = Readable.from(text).pipe(
    parse({
      delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, info: true, max_record_size: MAX_RECORD_CHARS,
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (record.length > MAX_COLUMNS) {
        throw new UnreadableFile(`Line ${info.lines} has ${record.length.toLocaleString("en")} columns; at most ${MAX_COLUMNS} are read. Is the delimiter right?`);
      }
      // info.lines is where the record ends; a value with line breaks started it earlier.
      const breaks = record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
      yield { line: info.lines - breaks, values: record };
    }
  } catch (error) {
    csvProblem(error, lastLine);
  }
}

export interface CsvPreview {
  decoding: Decoding;
  delimiter: Delimiter;
  headers: string[];
  /** The first rows after the header, for the mapping step. */
  sample: string[][];
}

/** The header and first rows: what the column-mapping step shows. */
export async function previewCsv(bytes: AsyncIterable<Uint8Array>, options: { encoding?: Encoding; delimiter?: Delimiter } = {}): Promise<CsvPreview> {
  const { decoding, text } = await decodeText(bytes, options.encoding);
  const { sample, all } = await sampleText(text, 64 * 1024);
  const delimiter = options.delimiter ?? sniffDelimiter(sample);
  const rows: string[][] = [];
  for await (const { values } of records(all, delimiter)) {
    rows.push(values);
    if (rows.length > 5) break;
  }
  if (rows.length === 0) throw new UnreadableFile("The file has no rows.");
  const headers = rows[0]!.map((h, i) => h.trim() || `Column ${i + 1}`);
  return { decoding, delimiter, headers, sample: rows.slice(1) };
}

const ENTITY_TARGETS: Partial<Record<ColumnTarget, { kind: EntityKind; role: MentionRole }>> = {
  people: { kind: "person", role: "mentioned" },
  authors: { kind: "person", role: "author" },
  recipients: { kind: "person", role: "recipient" },
  places: { kind: "place", role: "mentioned" },
  organizations: { kind: "organization", role: "mentioned" },
  subjects: { kind: "subject", role: "mentioned" },
};

/** Builds a row from one CSV record as the mapping says. */
function toRow(line: number, values: string[], width: number, targets: (ColumnTarget | undefined)[], mapping: CsvMapping): ImportRow {
  const problems: Problem[] = [];
  if (values.length !== width) {
    problems.push({
      level: "error",
      message: `This row has ${values.length} value${values.length === 1 ? "" : "s"}; the header has ${width}. A delimiter inside a value needs quotes around the value.`,
    });
  }
  const row: ImportRow = { location: `line ${line}`, fields: {}, entities: [], collections: [], links: [], problems, defaults: mapping.defaults };
  const list = (value: string) => value.split(mapping.listSeparator).map((v) => v.trim()).filter(Boolean);
  const credits: NonNullable<ImportRow["fields"]["credits"]> = [];
  targets.forEach((target, index) => {
    const value = (values[index] ?? "").trim();
    if (!target || target === "ignore" || value === "") return;
    const entity = ENTITY_TARGETS[target];
    if (entity) {
      for (const name of list(value)) row.entities.push({ kind: entity.kind, role: entity.role, names: [name] } satisfies RowEntity);
      return;
    }
    switch (target) {
      case "id": {
        const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
        if (Number.isInteger(id) && id > 0 && id <= 2_147_483_647) row.recordId = id;
        else problems.push({ level: "error", field: "id", message: `"${value.slice(0, 40)}" is not a record id (a whole number).` });
        return;
      }
      case "key":
        row.key = value.slice(0, 300);
        return;
      case "textLanguages":
        row.fields.textLanguages = list(value);
        return;
      case "translatedBy":
      case "obtainedBy":
        for (const name of list(value)) credits.push({ role: target === "translatedBy" ? "translated_by" : "obtained_by", name });
        return;
      case "collections":
        for (const title of list(value)) row.collections.push({ title });
        return;
      default:
        row.fields[target as keyof ImportRow["fields"] & string] = value as never;
    }
  });
  if (credits.length) row.fields.credits = credits;
  return row;
}

/** Every row of a CSV file, as its mapping says. */
export async function* readCsv(bytes: AsyncIterable<Uint8Array>, mapping: CsvMapping): AsyncGenerator<ImportRow> {
  const { text } = await decodeText(bytes, mapping.encoding);
  const { sample, all } = await sampleText(text, 64 * 1024);
  const delimiter = mapping.delimiter ?? sniffDelimiter(sample);
  let targets: (ColumnTarget | undefined)[] | undefined;
  let width = 0;
  let rows = 0;
  for await (const { line, values } of records(all, delimiter)) {
    if (!targets) {
      const headers = values.map((h, i) => h.trim() || `Column ${i + 1}`);
      width = headers.length;
      const byHeader = new Map(mapping.columns.map((c) => [c.header, c.target]));
      const missing = mapping.columns.filter((c) => c.target !== "ignore" && !headers.includes(c.header));
      if (missing.length) {
        throw new UnreadableFile(`The mapping uses column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c.header}"`).join(", ")}, which this file does not have.`);
      }
      targets = headers.map((h) => byHeader.get(h));
      continue;
    }
    rows++;
    yield toRow(line, values, width, targets, mapping);
  }
  if (!targets) throw new UnreadableFile("The file has no rows.");
  if (rows === 0) throw new UnreadableFile("The file has a header but no rows.");
}
