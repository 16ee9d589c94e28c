// Bad files get a clear error and store nothing: each case of the bad-input corpus for imports,
// through the same upload and dry run the route and the command use.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/auth/session-user";
import { db } from "../../server/db";
import { listImportItems } from "../../server/imports/queries";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";
import { archiveCounts, sessionUser, upload } from "../support/imports";

let editor: SessionUser;

beforeAll(async () => {
  await seedDemoArchive(db);
  editor = await sessionUser(await makeUser("editor"));
});

/** Uploads and checks a file; the import as it ends, with the archive proven untouched. */
async function tryFile(name: string, bytes: Uint8Array | string, maxBytes?: number) {
  const before = await archiveCounts();
  try {
    return await upload(editor, { name, bytes }, { maxBytes });
  } finally {
    expect(await archiveCounts()).toEqual(before);
  }
}

/**
 * Why a file cannot be imported: the failed import's reason, or (a CSV whose header cannot be
 * read) the mapping step's error. Either way nothing was checked or stored.
 */
async function whyNot(name: string, bytes: Uint8Array | string) {
  try {
    const imp = await tryFile(name, bytes);
    expect(imp.status).toBe("failed");
    expect(await db.importItem.count({ where: { importId: imp.id } })).toBe(0);
    return imp.error ?? "";
  } catch (error) {
    return (error as Error).message;
  }
}

async function firstItems(id: number) {
  return (await listImportItems(db, editor, { id, filter: "all", page: 1, pageSize: 50 })).items;
}

const utf16le = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
const CSV_OK = "Title,Date,Summary\nChŏe’s report on Pyongyang,1957,A summary of the report.\n";

describe("files refused before anything is read", () => {
  it.each([
    ["an empty file", "empty.csv", "", /The file is empty/],
    ["a zip archive (or a zip bomb)", "bomb.zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /zip archive.*not compressed/],
    ["an .xlsx spreadsheet", "sheet.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0]), /save it as CSV/],
    ["a gzip file", "records.csv.gz", Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]), /gzip-compressed/],
    ["a PDF", "scan.pdf", Buffer.from("%PDF-1.7\n"), /a PDF/],
  ])("%s", async (_what, name, bytes, message) => {
    const imports = await db.import.count();
    await expect(tryFile(name, bytes)).rejects.toThrow(message);
    expect(await db.import.count()).toBe(imports);
  });

  it("a file over the size limit, refused as soon as it passes it, with nothing kept", async () => {
    const big = "Title,Date,Summary\n" + "A row,1957,A summary\n".repeat(200);
    const imports = await db.import.count();
    await expect(tryFile("big.csv", big, 1024)).rejects.toThrow(/larger than .* MB, the most one import takes/);
    expect(await db.import.count()).toBe(imports);
  });
});

describe("files that cannot be read: the import fails with the reason, nothing stored", () => {
  it.each([
    ["XML with a DTD (billion laughs)", "laughs.xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><TEI>&lol2;</TEI>', /DOCTYPE.*not accepted/],
    ["XML with an external entity (XXE)", "xxe.xml", '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><TEI><text>&xxe;</text></TEI>', /DOCTYPE.*not accepted/],
    ["an undefined entity without a DTD", "entity.xml", "<TEI><text><body><div type=\"document\"><head>&nbsp;</head></div></body></text></TEI>", /not well-formed/],
    ["XML that is not TEI", "page.xml", "<html><body>Hello</body></html>", /not TEI: its root element is <html>/],
    ["TEI without documents", "empty.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="chapter"><p>No documents.</p></div></body></text></TEI>', /has no documents/],
    ["XML cut off in the middle", "cut.xml", '<TEI><text><body><div type="document"><head>A', /not well-formed/],
    ["a CSV with an unclosed quote", "quotes.csv", 'Title,Date,Summary\nA row,1957,"an unclosed quote\nAnother row,1958,Summary\n', /Line 2: a quoted value is never closed/],
    ["a CSV with 10,000 columns", "wide.csv", Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",") + "\n" + "x,".repeat(9_999) + "x\n", /10,000 columns; at most 500/],
    ["a CSV with a header and no rows", "header.csv", "Title,Date,Summary\n", /header but no rows/],
  ])("%s", async (_what, name, bytes, message) => {
    const reason = await whyNot(name, bytes);
    expect(reason).toMatch(message);
    expect(reason).not.toMatch(/root:|\/bin\/bash/);
  });

  it("a UTF-8 file broken further on says at which byte", async () => {
    const start = Buffer.from("Title,Date,Summary\n" + "A fine row,1957,A summary that is long enough\n".repeat(3000));
    const reason = await whyNot("broken.csv", Buffer.concat([start, Buffer.from([0xc3, 0x28]), Buffer.from(",1957,x\n")]));
    expect(reason).toMatch(/not valid UTF-8 after byte [\d,]+\. Save it as UTF-8/);
  });
});

describe("encodings read right", () => {
  it.each([
    ["UTF-8 with a byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_OK)])],
    ["UTF-16 with a byte-order mark", utf16le(CSV_OK, true)],
    ["UTF-16 without one", utf16le(CSV_OK, false)],
  ])("%s", async (_what, bytes) => {
    const imp = await tryFile("encoded.csv", bytes);
    expect(imp.status).toBe("validated");
    expect((await firstItems(imp.id)).map((i) => i.title)).toEqual(["Chŏe’s report on Pyongyang"]);
  });

  it("Windows-1252, detected because the bytes are not UTF-8", async () => {
    const imp = await tryFile("latin.csv", Buffer.from("Title,Date,Summary\nP\xe9tain \x96 a note,1957,A summary.\n", "latin1"));
    expect((await firstItems(imp.id)).map((i) => i.title)).toEqual(["Pétain – a note"]);
  });
});

describe("rows with problems: an error of that row only", () => {
  it("a ragged row, control characters in a name, a refused date, an unknown type", async () => {
    const file = [
      "Title,Date,Summary,People,Type",
      "A good row,1957,A summary,Kim Il-sung,memorandum",
      "A ragged row,1957,A summary,Kim Il-sung,memorandum,one too many",
      "A row with a bell,1957,A summary,Kim\u0007 Il-sung,memorandum",
      "A row with a bad date,31 February 1957,A summary,,memorandum",
      "A row of an odd type,1957,A summary,,papyrus",
    ].join("\n");
    const imp = await tryFile("problems.csv", file);
    const items = await firstItems(imp.id);
    expect(items.map((i) => [i.title, i.action])).toEqual([
      ["A good row", "create"],
      ["A ragged row", "skip"],
      ["A row with a bell", "skip"],
      ["A row with a bad date", "skip"],
      ["A row of an odd type", "skip"],
    ]);
    const messages = items.slice(1).map((i) => i.problems.map((p) => p.message).join(" "));
    expect(messages[0]).toMatch(/This row has 6 values; the header has 5/);
    expect(messages[1]).toMatch(/control character \(U\+0007\)/);
    expect(messages[2]).toMatch(/not a valid calendar date/);
    expect(messages[3]).toMatch(/"papyrus" is not a document type; use one of telegram/);
  });
});
