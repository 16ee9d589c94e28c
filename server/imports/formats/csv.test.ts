import { describe, expect, it } from "vitest";
import { csvMappingSchema } from "../mapping";
import type { ImportRow } from "../row";
import { previewCsv, readCsv, sniffDelimiter } from "./csv";

const mapping = csvMappingSchema.parse({
  columns: [
    { header: "Title", target: "title" },
    { header: "Date", target: "dateText" },
    { header: "Summary", target: "summary" },
  ],
});

/** The text as bytes, cut into pieces of `size` bytes (the reader must not care where). */
async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(text: string, size = 1 << 20): Promise<Pick<ImportRow, "location" | "fields" | "problems">[]> {
  const rows: Pick<ImportRow, "location" | "fields" | "problems">[] = [];
  for await (const row of readCsv(pieces(text, size), mapping)) rows.push({ location: row.location, fields: row.fields, problems: row.problems });
  return rows;
}

const FILE = [
  "Title,Date,Summary",
  'A plain row,1957,"A summary, with a comma"',
  "",
  '"A title with ""quotes""",July 1957,"A summary',
  "over two lines",
  'and a third"',
  "Ragged,1958",
  "Chŏe’s report,1959,Ünïcode in every value",
  "",
].join("\r\n");

describe("readCsv (Papa Parse, a piece of the file at a time)", () => {
  it("reads quotes, doubled quotes, line breaks in values and empty lines, with the line each row starts on", async () => {
    const rows = await read(FILE);
    expect(rows.map((r) => r.location)).toEqual(["line 2", "line 4", "line 7", "line 8"]);
    expect(rows[0]!.fields).toEqual({ title: "A plain row", dateText: "1957", summary: "A summary, with a comma" });
    expect(rows[1]!.fields).toEqual({ title: 'A title with "quotes"', dateText: "July 1957", summary: "A summary\r\nover two lines\r\nand a third" });
    expect(rows[2]!.problems).toEqual([expect.objectContaining({ level: "error", message: expect.stringMatching(/This row has 2 values; the header has 3/) })]);
    expect(rows[3]!.fields.summary).toBe("Ünïcode in every value");
  });

  it("reads the same rows wherever the file is cut into pieces", async () => {
    const whole = await read(FILE);
    for (let size = 1; size <= 40; size++) expect(await read(FILE, size)).toEqual(whole);
  });

  it("reads files whose lines end in \\n or \\r alone, and skips a byte-order mark", async () => {
    const whole = await read(FILE);
    for (const newline of ["\n", "\r"]) {
      const text = `\uFEFF${FILE.replace(/\r\n/g, newline)}`;
      const rows = await read(text, 7);
      expect(rows.map((r) => r.location)).toEqual(whole.map((r) => r.location));
      expect(rows.map((r) => r.fields.title)).toEqual(whole.map((r) => r.fields.title));
    }
  });

  it("refuses a quote never closed, at the line where its row starts, however the file is cut", async () => {
    const text = 'Title,Date,Summary\nA row,1957,Fine\nB row,1958,"never closed\nC row,1959,Summary\n';
    for (const size of [3, 1 << 20]) await expect(read(text, size)).rejects.toThrow(/^Line 3: a quoted value is never closed/);
  });

  it("refuses a closing quote followed by more text", async () => {
    await expect(read('Title,Date,Summary\nA row,1957,"closed" then more\n')).rejects.toThrow(/^Line 2: a quote closes a value but more text follows/);
  });

  it("refuses a value that runs past two million characters (an unclosed quote)", async () => {
    const text = `Title,Date,Summary\nA row,1957,"${"x".repeat(2_100_000)}`;
    await expect(read(text, 256 * 1024)).rejects.toThrow(/^Line 2: a value is longer than 2,000,000 characters/);
  });
});

describe("sniffDelimiter and previewCsv", () => {
  it.each([
    [",", "Title,Date,Summary\na,1957,b\n"],
    [";", "Title;Date;Summary\n\"a; b\";1957;c\n"],
    ["\t", "Title\tDate\tSummary\na\t1957\tb, c\n"],
    ["|", "Title|Date|Summary\na|1957|b\n"],
  ])("finds %j", (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it("shows the header and at most five rows", async () => {
    const text = ["Title,Date,Summary", ...Array.from({ length: 9 }, (_, i) => `Row ${i},19${50 + i},S`)].join("\n");
    const preview = await previewCsv(pieces(text, 10));
    expect(preview.headers).toEqual(["Title", "Date", "Summary"]);
    expect(preview.sample.map((r) => r[0])).toEqual(["Row 0", "Row 1", "Row 2", "Row 3", "Row 4"]);
  });
});
