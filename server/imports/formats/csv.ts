// CSV: read by Papa Parse (RFC 4180: quotes, doubled quotes, line breaks in values, any
// delimiter), after decode.ts has made the bytes text. Its core parser is driven a piece of text
// at a time as its own streaming readers drive it (Papa.Parser: each piece parsed up to its last
// complete row, the rest carried into the next), which reads a file about six times faster than
// csv-parse's stream did (docs/benchmarks.md, bench:import). The delimiter is found by parsing
// the first lines with each candidate and keeping the one that splits them into the most
// consistent columns. A quoting error makes the file unreadable (everything after an unclosed
// quote is one value: no row after it can be trusted); a row with the wrong number of values is
// an error of that row only.
import Papa from "papaparse";
import type { MentionRole } from "../../generated/prisma/enums";
import { type ColumnTarget, type CsvMapping, DELIMITERS, type Delimiter, MAX_COLUMNS } from "../mapping";
import { type EntityKind, type ImportRow, type Problem, type RowEntity, UnreadableFile } from "../row";
import { type Decoding, decodeText, type Encoding, peek } from "./decode";

/** A value longer than this is refused (a runaway quote swallowing the file, or not a CSV). */
const MAX_RECORD_CHARS = 2_000_000;

type LineBreak = "\r\n" | "\n" | "\r";

/** The start of a text stream (about `chars` characters) and the whole stream again. */
async function sampleText(text: AsyncIterable<string>, chars: number) {
  const { head, all } = await peek(text, (part) => part.length, chars);
  return { sample: head.join(""), all };
}

/**
 * The line break a file's records end with: its first one. Undefined while the text so far has
 * none, or ends in a "\r" that the next piece may follow with "\n" (unless it is the whole text).
 */
function lineBreakOf(text: string, whole: boolean): LineBreak | undefined {
  const n = text.indexOf("\n");
  const r = text.indexOf("\r");
  if (r === -1) return n === -1 ? undefined : "\n";
  if (n === r + 1) return "\r\n";
  if (n !== -1 && n < r) return "\n";
  return r === text.length - 1 && !whole ? undefined : "\r";
}

interface PapaError {
  code: string;
  row: number;
}

/**
 * Parses `input` with Papa Parse's core parser: every row, or (`last` false) every row but the
 * last, which may go on in the text still to come. `rest` is the text after the rows returned.
 */
function parseRows(input: string, delimiter: string, newline: LineBreak, last: boolean) {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const result = parser.parse(input, 0, !last) as { data: string[][]; errors: PapaError[]; meta: { cursor: number } };
  // An error in the row held back is found again when that row is parsed whole.
  const error = result.errors.find((e) => e.row < result.data.length);
  return { rows: result.data, error, rest: last ? "" : input.slice(result.meta.cursor) };
}

/** A row read from an empty line (skipped, but counted for line numbers). */
const isEmptyLine = (values: string[]) => values.length === 1 && values[0] === "";

/** The sample's first lines, read with `delimiter` (for guessing which one a file uses). */
function firstRows(sample: string, delimiter: string): string[][] {
  const newline = lineBreakOf(sample, true) ?? "\n";
  const cut = sample.split(newline).slice(0, 50).join(newline);
  return parseRows(cut, delimiter, newline, true).rows.filter((row) => !isEmptyLine(row));
}

/** The delimiter that splits the first lines into the most consistent columns (comma on a tie). */
export function sniffDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: -1 };
  for (const delimiter of Object.keys(DELIMITERS) as Delimiter[]) {
    const rows = firstRows(sample, delimiter);
    if (rows.length === 0) continue;
    const width = rows[0]!.length;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function quotingProblem(error: PapaError, line: number): never {
  if (error.code === "MissingQuotes") throw new UnreadableFile(`Line ${line}: a quoted value is never closed, so the rest of the file would be read as one value. Close the quote (or remove it) and upload again.`);
  if (error.code === "InvalidQuotes") throw new UnreadableFile(`Line ${line}: a quote closes a value but more text follows it before the delimiter. Double the quotes inside quoted values ("") and upload again.`);
  throw new UnreadableFile(`Line ${line}: the row cannot be read (${error.code}).`);
}

/** How many lines a row's values span beyond its first (line breaks inside quoted values). */
function breaksIn(values: string[], newline: LineBreak): number {
  const mark = newline === "\r" ? "\r" : "\n";
  let breaks = 0;
  for (const value of values) {
    for (let at = value.indexOf(mark); at !== -1; at = value.indexOf(mark, at + 1)) breaks++;
  }
  return breaks;
}

/** The records of a CSV text, a piece of the file at a time, each with the line it starts on. */
async function* records(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<{ line: number; values: string[] }[]> {
  let newline: LineBreak | undefined;
  let pending = "";
  let line = 1;
  /** The complete rows of the text so far; what may go on in the next piece is kept. */
  const rowsOf = (input: string, last: boolean) => {
    const found: { line: number; values: string[] }[] = [];
    newline ??= lineBreakOf(input, last) ?? (last ? "\n" : undefined);
    if (!newline) {
      pending = input;
      return found;
    }
    const parsed = parseRows(input, delimiter, newline, last);
    pending = parsed.rest;
    for (const [index, values] of parsed.rows.entries()) {
      if (parsed.error?.row === index) quotingProblem(parsed.error, line);
      if (values.length > MAX_COLUMNS) {
        throw new UnreadableFile(`Line ${line} has ${values.length.toLocaleString("en")} columns; at most ${MAX_COLUMNS} are read. Is the delimiter right?`);
      }
      if (!isEmptyLine(values)) found.push({ line, values });
      line += 1 + breaksIn(values, newline);
    }
    if (pending.length > MAX_RECORD_CHARS) {
      throw new UnreadableFile(`Line ${line}: a value is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters (an unclosed quote?).`);
    }
    return found;
  };
  let first = true;
  for await (const part of text) {
    const input = pending + (first ? part.replace(/^\uFEFF/, "") : part);
    first = false;
    yield rowsOf(input, false);
  }
  if (pending) yield rowsOf(pending, true);
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
  for await (const found of records(all, delimiter)) {
    rows.push(...found.map((r) => r.values));
    if (rows.length > 5) break;
  }
  if (rows.length === 0) throw new UnreadableFile("The file has no rows.");
  const headers = rows[0]!.map((h, i) => h.trim() || `Column ${i + 1}`);
  return { decoding, delimiter, headers, sample: rows.slice(1, 6) };
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

/** What each column of the header holds, as the mapping says. */
function columnTargets(header: string[], mapping: CsvMapping): (ColumnTarget | undefined)[] {
  const headers = header.map((h, i) => h.trim() || `Column ${i + 1}`);
  const byHeader = new Map(mapping.columns.map((c) => [c.header, c.target]));
  const missing = mapping.columns.filter((c) => c.target !== "ignore" && !headers.includes(c.header));
  if (missing.length) {
    throw new UnreadableFile(`The mapping uses column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c.header}"`).join(", ")}, which this file does not have.`);
  }
  return headers.map((h) => byHeader.get(h));
}

/** Every row of a CSV file, as its mapping says. */
export async function* readCsv(bytes: AsyncIterable<Uint8Array>, mapping: CsvMapping): AsyncGenerator<ImportRow> {
  const { text } = await decodeText(bytes, mapping.encoding);
  const { sample, all } = await sampleText(text, 64 * 1024);
  const delimiter = mapping.delimiter ?? sniffDelimiter(sample);
  let targets: (ColumnTarget | undefined)[] | undefined;
  let width = 0;
  let rows = 0;
  for await (const found of records(all, delimiter)) {
    for (const { line, values } of found) {
      if (targets) {
        rows++;
        yield toRow(line, values, width, targets, mapping);
      } else {
        width = values.length;
        targets = columnTargets(values, mapping);
      }
    }
  }
  if (!targets) throw new UnreadableFile("The file has no rows.");
  if (rows === 0) throw new UnreadableFile("The file has a header but no rows.");
}
