// Citations: the CSL item of a revision, each style's rendering of the demo archive, and the
// downloads read back by kept parsers (citation-js's RIS and BibTeX readers).
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { citationFile, citationOf, type Citation } from "../../server/citations/cite";
import { issuedOf } from "../../server/citations/csl";
import { toRis } from "../../server/citations/formats";
import { db } from "../../server/db";
import { recordContentSchema } from "../../server/records/content";
import { withdrawRecord } from "../../server/records/lifecycle";
import { publishRevision } from "../../server/records/publish";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";

const ctx = { baseUrl: "https://archive.example.org", archiveName: "Dossier", accessed: new Date("2026-12-01T10:00:00Z") };
/** Each style's citation of the nine demo documents, by title: checked by hand against the style guides. */
const EXPECTED = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/citations/demo-archive.json"), "utf8")) as Record<string, Record<string, string>>;

async function publish(content: Record<string, unknown>) {
  const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content: recordContentSchema.parse(content), authorId: null }));
  return recordId;
}
async function cite(recordId: number, revision: number | null = null): Promise<Citation> {
  const found = await citationOf(db, recordId, revision, ctx);
  if (found.kind !== "found") throw new Error(`no citation: ${found.kind}`);
  return found.citation;
}

describe("citations", () => {
  let archival: number;

  beforeAll(async () => {
    await seedDemoArchive(db);
    const [shtykov, gromyko] = await Promise.all(
      ["Terentii Shtykov", "Andrei Gromyko"].map((name) => db.entity.findFirstOrThrow({ where: { names: { some: { name } } } })),
    );
    archival = await publish({
      title: "Telegram on the situation at the front",
      dateText: "circa September 1950",
      summary: "A test record with every field a citation uses.",
      originalLanguage: "ru",
      documentType: "telegram",
      sourceArchive: "Archive of Foreign Policy of the Russian Federation (AVP RF)",
      sourceLocator: "Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-90",
      credits: [{ role: "translated_by", name: "Gary Goldberg" }, { role: "obtained_by", name: "Kathryn Weathersby" }],
      mentions: [{ entityId: shtykov!.id, role: "author" }, { entityId: gromyko!.id, role: "recipient" }],
    });
  });

  it("renders each style of every demo document as the fixture says", async () => {
    const records = await db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true, publishedRevision: { select: { title: true } } } });
    const demo = records.filter((r) => EXPECTED[r.publishedRevision!.title]);
    expect(demo).toHaveLength(9);
    for (const record of demo) {
      const { styles } = await cite(record.id);
      const expected = EXPECTED[record.publishedRevision!.title]!;
      // Record ids differ between runs: the fixture's permalinks say {id}.
      for (const [style, text] of Object.entries(expected)) expect(styles[style as keyof typeof styles], `${style} of ${record.id}`).toBe(text.replaceAll("{id}", String(record.id)));
    }
  });

  it("names the author, recipient, translator, archive, locator, approximate date and the revision's permalink", async () => {
    const { item, styles } = await cite(archival);
    expect(item).toMatchObject({
      type: "manuscript",
      genre: "Telegram",
      translator: [{ literal: "Gary Goldberg" }],
      archive: "Archive of Foreign Policy of the Russian Federation (AVP RF)",
      archive_location: "Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-90",
      issued: { "date-parts": [[1950, 9]], circa: true },
      URL: `https://archive.example.org/records/${archival}/revisions/1`,
      accessed: { "date-parts": [[2026, 12, 1]] },
      publisher: "Dossier",
    });
    expect(item.author?.[0]?.literal).toMatch(/Shtykov/);
    expect(item.recipient?.[0]?.literal).toMatch(/Gromyko/);
    for (const style of ["chicago-note", "chicago-bibliography", "mla", "apa"] as const) {
      expect(styles[style]).toContain("Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-90");
      expect(styles[style]).toContain("Archive of Foreign Policy of the Russian Federation (AVP RF)");
      expect(styles[style]).toContain("Gary Goldberg");
      expect(styles[style]).toContain(`/records/${archival}/revisions/1`);
      expect(styles[style]).toMatch(/1950/);
    }
    // The style says how uncertain the date is: Chicago "[September 1950?]" style marks, APA "ca."
    expect(styles["chicago-bibliography"]).toMatch(/September 1950\?|ca\. September 1950|circa September 1950/);
    expect(styles.apa).toMatch(/ca\. 1950/);
  });

  it("writes imprecise dates as precisely as the record says and no more", () => {
    const date = (dateEarliest: string, dateLatest: string, precision: "day" | "month" | "year" | "decade", approximate = false) =>
      issuedOf({ dateEarliest, dateLatest, precision, approximate, uncertain: false });
    expect(date("1957-07-24", "1957-07-24", "day")).toEqual({ "date-parts": [[1957, 7, 24]] });
    expect(date("1957-07-01", "1957-07-31", "month")).toEqual({ "date-parts": [[1957, 7]] });
    expect(date("1957-01-01", "1957-12-31", "year", true)).toEqual({ "date-parts": [[1957]], circa: true });
    expect(date("1950-01-01", "1959-12-31", "decade")).toEqual({ "date-parts": [[1950], [1959]] });
    expect(date("1950-09-01", "1950-10-31", "month")).toEqual({ "date-parts": [[1950, 9], [1950, 10]] });
    expect(date("1950-01-01", "1953-12-31", "year")).toEqual({ "date-parts": [[1950], [1953]] });
  });

  it("writes RIS that a RIS reader takes back as a manuscript with its archive, locator and translator", async () => {
    const file = await citationFile(db, archival, null, "ris", ctx);
    if (file.kind !== "found") throw new Error(file.kind);
    expect(file.body).toMatch(/^TY {2}- MANSCPT\r\n/);
    expect(file.body).toMatch(/\r\nER {2}- \r\n$/);
    expect(file.body).toContain("\r\nDB  - Archive of Foreign Policy of the Russian Federation (AVP RF)\r\n");
    expect(file.body).toContain("\r\nAN  - Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-90\r\n");
    expect(file.body).toContain("\r\nA4  - Gary Goldberg\r\n");
    // citation-js reads DB as the source database and skips AN and A4 for manuscripts (Zotero
    // reads them as Archive, Loc. in Archive and Translator): the lines above check those.
    const [read] = new Cite(file.body).data;
    expect(read).toMatchObject({
      type: "manuscript",
      genre: "Telegram",
      title: "Telegram on the situation at the front",
      source: "Archive of Foreign Policy of the Russian Federation (AVP RF)",
      URL: `https://archive.example.org/records/${archival}/revisions/1`,
      issued: { "date-parts": [[1950, 9]] },
      accessed: { "date-parts": [[2026, 12, 1]] },
    });
  });

  it("keeps a RIS value on one line, whatever the record holds", async () => {
    const { item } = await cite(archival);
    const ris = toRis({ ...item, title: "Line one\nTY  - JOUR\r\nline two" });
    expect(ris.split("\r\n").filter((l) => l.startsWith("TY"))).toEqual(["TY  - MANSCPT"]);
  });

  it("writes BibTeX and CSL-JSON that read back to the same item", async () => {
    const bib = await citationFile(db, archival, null, "bibtex", ctx);
    const json = await citationFile(db, archival, null, "csl-json", ctx);
    if (bib.kind !== "found" || json.kind !== "found") throw new Error("missing");
    const [fromBib] = new Cite(bib.body).data;
    expect(fromBib).toMatchObject({ title: "Telegram on the situation at the front", URL: `https://archive.example.org/records/${archival}/revisions/1` });
    expect(String(fromBib!.note)).toContain("Fond 059a");
    const [fromJson] = JSON.parse(json.body) as { title: string; archive_location: string }[];
    expect(fromJson).toMatchObject({ title: "Telegram on the situation at the front", archive_location: "Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-90" });
    expect(json.fileName).toBe(`dossier-${archival}-r1.json`);
  });

  it("cites the revision asked for, and nothing for unpublished, missing or withdrawn records", async () => {
    const content = { title: "Revised title", dateText: "1951", summary: "Second revision.", originalLanguage: "en", documentType: "report" };
    const id = await publish({ ...content, title: "First title" });
    await db.$transaction((tx) => publishRevision(tx, { recordId: id, content: recordContentSchema.parse(content), authorId: null }));
    expect((await cite(id)).styles.mla).toMatch(/Revised title/i);
    expect((await cite(id, 1)).styles.mla).toMatch(/First title/i);
    expect((await cite(id, 1)).item.URL).toMatch(/\/revisions\/1$/);
    expect((await citationOf(db, id, 3, ctx)).kind).toBe("missing");
    expect((await citationOf(db, 999_999, null, ctx)).kind).toBe("missing");
    const draft = await db.archivalRecord.create({ data: {} });
    expect((await citationOf(db, draft.id, null, ctx)).kind).toBe("missing");
    const record = await db.archivalRecord.findUniqueOrThrow({ where: { id } });
    await withdrawRecord(db, { actorId: (await makeUser("admin")).id, recordId: id, expectedVersion: record.version, reason: "test" });
    expect((await citationOf(db, id, null, ctx)).kind).toBe("withdrawn");
    expect((await citationFile(db, id, 1, "ris", ctx)).kind).toBe("withdrawn");
  });
});
