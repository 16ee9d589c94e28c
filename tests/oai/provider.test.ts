// The OAI-PMH provider, verb by verb and error by error, every response checked against the
// protocol's XML Schema (and the metadata inside against oai_dc's and MODS's), and a harvest
// across resumption tokens while records are edited, published and withdrawn between pages.
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../server/db";
import { respond, oaiIdentifier, type OaiContext } from "../../server/oai/respond";
import { decodeToken, encodeToken } from "../../server/oai/tokens";
import { recordContentSchema } from "../../server/records/content";
import { restoreRecord, withdrawRecord } from "../../server/records/lifecycle";
import { publishRevision } from "../../server/records/publish";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { makeUser } from "../support/callers";
import { schemaErrors } from "../support/oai";

const APP = "https://archive.example.org";
const ctx: OaiContext = { db, appUrl: APP, repositoryName: "Dossier test archive", adminEmail: "archive@example.org", secret: "s".repeat(32), pageSize: 2 };
/** Elements that may repeat are always arrays, by their path. */
const REPEATED = ["OAI-PMH.error", "OAI-PMH.ListSets.set", "OAI-PMH.ListMetadataFormats.metadataFormat", "OAI-PMH.ListIdentifiers.header", "OAI-PMH.ListRecords.record", "OAI-PMH.GetRecord.record"];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  isArray: (name, at) => {
    const path = String(at);
    return REPEATED.includes(path) || (name === "setSpec" && path.endsWith("header.setSpec")) || name === "dc:creator" || name === "dc:identifier";
  },
});

type Header = { identifier: string; datestamp: string; setSpec?: string[]; "@status"?: string };
type Parsed = Record<string, unknown> & { error?: { "@code": string; "#text": string }[]; request: unknown };

/** One request: the response must be schema-valid; returns its parsed OAI-PMH element. */
async function oai(args: Record<string, string> | [string, string][]): Promise<Parsed> {
  const xml = await respond(ctx, Array.isArray(args) ? args : Object.entries(args));
  expect(await schemaErrors(xml), xml.slice(0, 2000)).toEqual([]);
  return parser.parse(xml)["OAI-PMH"] as Parsed;
}
const codes = (r: Parsed) => (r.error ?? []).map((e) => e["@code"]);
const tokenOf = (list: { resumptionToken?: string | { "#text"?: string } }) => {
  const t = list.resumptionToken;
  return typeof t === "string" ? t : (t?.["#text"] ?? "");
};

/** Every page of a list, following resumption tokens; `between` runs before each next page. */
async function harvest(verb: "ListIdentifiers" | "ListRecords", args: Record<string, string>, between?: (page: number) => Promise<void>) {
  const headers: Header[] = [];
  let response = await oai({ verb, ...args });
  for (let page = 1; ; page++) {
    if (codes(response).includes("noRecordsMatch")) return headers;
    const list = response[verb] as { header?: Header[]; record?: { header: Header }[]; resumptionToken?: string };
    headers.push(...(list.header ?? list.record!.map((r) => r.header)));
    const token = tokenOf(list);
    if (!token) return headers;
    await between?.(page);
    response = await oai({ verb, resumptionToken: token });
  }
}

async function publish(title: string, extra: Record<string, unknown> = {}) {
  const content = recordContentSchema.parse({ title, dateText: "1953", summary: "For the OAI-PMH test.", originalLanguage: "en", documentType: "report", ...extra });
  const { recordId } = await db.$transaction((tx) => publishRevision(tx, { content, authorId: null }));
  return recordId;
}
const version = async (id: number) => (await db.archivalRecord.findUniqueOrThrow({ where: { id } })).version;

describe("the OAI-PMH provider", () => {
  let admin: { id: string };
  let publishedIds: number[];

  beforeAll(async () => {
    await seedDemoArchive(db);
    admin = await makeUser("admin");
    publishedIds = (await db.archivalRecord.findMany({ where: { status: "published" }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  });

  it("identifies itself: persistent deleted records, seconds granularity, the earliest datestamp", async () => {
    const { Identify } = (await oai({ verb: "Identify" })) as unknown as { Identify: Record<string, string> };
    expect(Identify).toMatchObject({ repositoryName: "Dossier test archive", baseURL: `${APP}/oai`, protocolVersion: "2.0", deletedRecord: "persistent", granularity: "YYYY-MM-DDThh:mm:ssZ", adminEmail: "archive@example.org" });
    expect(Identify.earliestDatestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("lists oai_dc and MODS, for the repository and for one record", async () => {
    const cases: Record<string, string>[] = [{ verb: "ListMetadataFormats" }, { verb: "ListMetadataFormats", identifier: oaiIdentifier(APP, publishedIds[0]!) }];
    for (const args of cases) {
      const formats = ((await oai(args)).ListMetadataFormats as { metadataFormat: { metadataPrefix: string }[] }).metadataFormat.map((f) => f.metadataPrefix);
      expect(formats).toEqual(["oai_dc", "mods"]);
    }
  });

  it("lists the collections as sets", async () => {
    const sets = ((await oai({ verb: "ListSets" })).ListSets as { set: { setSpec: string; setName: string }[] }).set;
    expect(sets.map((s) => s.setSpec)).toContain("korean-war");
    expect(sets.find((s) => s.setSpec === "korean-war")?.setName).toBeTruthy();
  });

  it("gives a record in oai_dc and in MODS with its title, creator, date, archive and permalink", async () => {
    const id = publishedIds[0]!;
    const dc = (await oai({ verb: "GetRecord", identifier: oaiIdentifier(APP, id), metadataPrefix: "oai_dc" })) as unknown as { GetRecord: { record: { header: Header; metadata: { "oai_dc:dc": Record<string, unknown> } }[] } };
    const record = dc.GetRecord.record[0]!;
    expect(record.header.identifier).toBe(oaiIdentifier(APP, id));
    expect(record.metadata["oai_dc:dc"]).toMatchObject({ "dc:title": "Telegram from Shtykov to Gromyko and Stalin", "dc:creator": ["Terentii Shtykov"], "dc:date": "1950-09-29", "dc:publisher": "Dossier test archive" });
    expect(record.metadata["oai_dc:dc"]["dc:identifier"]).toEqual([`${APP}/records/${id}`, `${APP}/records/${id}/revisions/1`]);
    const mods = JSON.stringify(await oai({ verb: "GetRecord", identifier: oaiIdentifier(APP, id), metadataPrefix: "mods" }));
    expect(mods).toContain("Archive of the President of the Russian Federation");
    expect(mods).toContain('"@encoding":"edtf"');
  });

  it("harvests every public record exactly once across resumption tokens, with the list size and cursor", async () => {
    const headers = await harvest("ListIdentifiers", { metadataPrefix: "oai_dc" });
    const ids = headers.map((h) => h.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(publishedIds.map((id) => oaiIdentifier(APP, id)));
    // ListIdentifiers pages hold 10 headers here (2 records per page x 5): the nine demo records fit one.
    const records = await harvest("ListRecords", { metadataPrefix: "mods" });
    expect(records.map((h) => h.identifier)).toEqual(ids);
    const first = (await oai({ verb: "ListRecords", metadataPrefix: "oai_dc" })).ListRecords as { resumptionToken: { "@completeListSize": string; "@cursor": string } };
    expect(first.resumptionToken).toMatchObject({ "@completeListSize": String(publishedIds.length), "@cursor": "0" });
  });

  it("lists each record once while others are edited, published and withdrawn between pages", async () => {
    const before = (await db.archivalRecord.findMany({ where: { status: { in: ["published", "withdrawn"] } }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    const edited = before[before.length - 1]!;
    const withdrawn = before[before.length - 2]!;
    let added = 0;
    const headers = await harvest("ListRecords", { metadataPrefix: "oai_dc" }, async (page) => {
      if (page !== 1) return;
      // After the first page: a record not yet listed gets a new revision, another is
      // withdrawn, one listed already is edited, and a new record is published.
      const content = recordContentSchema.parse({ title: "Edited during a harvest", dateText: "1951", summary: "Changed.", originalLanguage: "en", documentType: "report" });
      await db.$transaction((tx) => publishRevision(tx, { recordId: edited, content, authorId: null }));
      await db.$transaction((tx) => publishRevision(tx, { recordId: before[0]!, content, authorId: null }));
      await withdrawRecord(db, { actorId: admin.id, recordId: withdrawn, expectedVersion: await version(withdrawn), reason: "test" });
      added = await publish("Published during a harvest");
    });
    const ids = headers.map((h) => h.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...before, added].map((id) => oaiIdentifier(APP, id)));
    expect(headers.find((h) => h.identifier === oaiIdentifier(APP, withdrawn))?.["@status"]).toBe("deleted");
    await restoreRecord(db, { actorId: admin.id, recordId: withdrawn, expectedVersion: await version(withdrawn) });
  });

  it("keeps withdrawn records as deleted headers, with a datestamp of the withdrawal", async () => {
    const id = await publish("To be withdrawn", { collections: [] });
    const start = new Date(Date.now() - 1000).toISOString().slice(0, 19) + "Z";
    await withdrawRecord(db, { actorId: admin.id, recordId: id, expectedVersion: await version(id), reason: "test" });
    const got = (await oai({ verb: "GetRecord", identifier: oaiIdentifier(APP, id), metadataPrefix: "oai_dc" })) as unknown as { GetRecord: { record: { header: Header; metadata?: unknown }[] } };
    expect(got.GetRecord.record[0]!.header["@status"]).toBe("deleted");
    expect(got.GetRecord.record[0]!.metadata).toBeUndefined();
    const recent = await harvest("ListIdentifiers", { metadataPrefix: "oai_dc", from: start });
    expect(recent.find((h) => h.identifier === oaiIdentifier(APP, id))?.["@status"]).toBe("deleted");
  });

  it("harvests selectively by datestamp (both granularities) and by set", async () => {
    const future = await oai({ verb: "ListIdentifiers", metadataPrefix: "oai_dc", from: "2999-01-01" });
    expect(codes(future)).toEqual(["noRecordsMatch"]);
    const today = new Date().toISOString().slice(0, 10);
    const byDay = await harvest("ListIdentifiers", { metadataPrefix: "oai_dc", from: today, until: today });
    expect(byDay.length).toBeGreaterThanOrEqual(publishedIds.length);
    const id = await publish("Published just now");
    const datestamp = (await harvest("ListIdentifiers", { metadataPrefix: "oai_dc" })).find((h) => h.identifier === oaiIdentifier(APP, id))!.datestamp;
    const exact = await harvest("ListIdentifiers", { metadataPrefix: "oai_dc", from: datestamp, until: datestamp });
    expect(exact.map((h) => h.identifier)).toContain(oaiIdentifier(APP, id));
    const korean = await harvest("ListIdentifiers", { metadataPrefix: "oai_dc", set: "korean-war" });
    expect(korean.length).toBeGreaterThan(0);
    expect(korean.every((h) => h.setSpec?.includes("korean-war"))).toBe(true);
    expect(codes(await oai({ verb: "ListRecords", metadataPrefix: "oai_dc", set: "no-such-collection" }))).toEqual(["noRecordsMatch"]);
  });

  it.each([
    ["no verb", {}, "badVerb"],
    ["an unknown verb", { verb: "ListEverything" }, "badVerb"],
    ["a verb given twice", [["verb", "Identify"], ["verb", "Identify"]], "badVerb"],
    ["an argument Identify does not take", { verb: "Identify", metadataPrefix: "oai_dc" }, "badArgument"],
    ["GetRecord without an identifier", { verb: "GetRecord", metadataPrefix: "oai_dc" }, "badArgument"],
    ["ListRecords without a metadata prefix", { verb: "ListRecords" }, "badArgument"],
    ["an argument given twice", [["verb", "ListRecords"], ["metadataPrefix", "oai_dc"], ["metadataPrefix", "mods"]], "badArgument"],
    ["a malformed date", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "2026-13-01" }, "badArgument"],
    ["a date with a time zone", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "2026-01-01T10:00:00+02:00" }, "badArgument"],
    ["an impossible day", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "2026-02-30" }, "badArgument"],
    ["from and until of two granularities", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "2026-01-01", until: "2026-12-01T00:00:00Z" }, "badArgument"],
    ["from after until", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "2026-12-01", until: "2026-01-01" }, "badArgument"],
    ["the year 0", { verb: "ListRecords", metadataPrefix: "oai_dc", from: "0000-01-01" }, "badArgument"],
    ["a huge range of years", { verb: "ListIdentifiers", metadataPrefix: "oai_dc", from: "0001-01-01", until: "9999-12-31" }, null],
    ["a resumption token with other arguments", { verb: "ListRecords", metadataPrefix: "oai_dc", resumptionToken: "x" }, "badArgument"],
    ["a forged resumption token", { verb: "ListRecords", resumptionToken: "eyJ2ZXJiIjoiTGlzdFJlY29yZHMifQ.AAAA" }, "badResumptionToken"],
    ["a resumption token for ListSets", { verb: "ListSets", resumptionToken: "anything" }, "badResumptionToken"],
    ["an unknown metadata format", { verb: "ListRecords", metadataPrefix: "marc21" }, "cannotDisseminateFormat"],
    ["an illegal metadata prefix", { verb: "ListRecords", metadataPrefix: "oai dc" }, "badArgument"],
    ["an illegal set spec", { verb: "ListRecords", metadataPrefix: "oai_dc", set: "korean war" }, "badArgument"],
    ["an unknown identifier", { verb: "GetRecord", identifier: "oai:archive.example.org:record/999999", metadataPrefix: "oai_dc" }, "idDoesNotExist"],
    ["another repository's identifier", { verb: "GetRecord", identifier: "oai:elsewhere.org:record/1", metadataPrefix: "oai_dc" }, "idDoesNotExist"],
    ["an identifier past the integer range", { verb: "ListMetadataFormats", identifier: "oai:archive.example.org:record/99999999999" }, "idDoesNotExist"],
  ] as [string, Record<string, string> | [string, string][], string | null][])("answers %s with %s", async (_, args, code) => {
    const response = await oai(args);
    if (code === null) expect(codes(response)).toEqual([]);
    else expect(codes(response)).toContain(code);
    // badVerb and badArgument echo no arguments: only the base URL.
    if (code === "badVerb" || code === "badArgument") expect(response.request).toBe(`${APP}/oai`);
  });

  it("refuses a token signed with another secret, or altered, or made for another verb", async () => {
    const state = { verb: "ListRecords" as const, metadataPrefix: "oai_dc", after: 0, cursor: 0, total: 9 };
    expect(codes(await oai({ verb: "ListRecords", resumptionToken: encodeToken(state, "another secret, at least 32 characters long") }))).toEqual(["badResumptionToken"]);
    const good = encodeToken(state, ctx.secret);
    expect(decodeToken(good, ctx.secret)).toEqual(state);
    const [body, mac] = good.split(".");
    const altered = `${Buffer.from(JSON.stringify({ ...state, after: 5 })).toString("base64url")}.${mac}`;
    expect(body).not.toBe(altered.split(".")[0]);
    expect(codes(await oai({ verb: "ListRecords", resumptionToken: altered }))).toEqual(["badResumptionToken"]);
    expect(codes(await oai({ verb: "ListIdentifiers", resumptionToken: good }))).toEqual(["badResumptionToken"]);
    expect(codes(await oai({ verb: "ListRecords", resumptionToken: good }))).toEqual([]);
  });

  it("never lists a record that was never published", async () => {
    const draft = await db.archivalRecord.create({ data: {} });
    const ids = (await harvest("ListIdentifiers", { metadataPrefix: "oai_dc" })).map((h) => h.identifier);
    expect(ids).not.toContain(oaiIdentifier(APP, draft.id));
    expect(codes(await oai({ verb: "GetRecord", identifier: oaiIdentifier(APP, draft.id), metadataPrefix: "oai_dc" }))).toEqual(["idDoesNotExist"]);
  });
});
