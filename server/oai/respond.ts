// The OAI-PMH 2.0 provider: one request in, one XML response out. Records are listed in id
// order with stateless, signed resumption tokens (ADR 0014); withdrawn records answer as deleted
// headers for ever (deletedRecord "persistent"); collections are the sets.
import type { Db } from "../db";
import { OaiError, parseOaiDate, parseRequest, type OaiRequest } from "./arguments";
import { isMetadataPrefix, METADATA_FORMATS, type Links, type MetadataPrefix } from "./formats";
import { countItems, earliestDatestamp, getItem, listItems, listSets, type OaiItem, type Selection } from "./repository";
import { decodeToken, encodeToken, type TokenState } from "./tokens";
import { attrs, element, escapeXml, wrap } from "../http/xml";

/** Headers per ListIdentifiers page, for each record per ListRecords page (headers are small). */
const HEADERS_PER_RECORD = 5;

export type OaiContext = {
  db: Db;
  /** The site's public base URL (APP_URL): the endpoint is its /oai. */
  appUrl: string;
  repositoryName: string;
  adminEmail: string;
  /** Signs resumption tokens (AUTH_SECRET). */
  secret: string;
  /** Records per ListRecords page (OAI_PAGE_SIZE). */
  pageSize: number;
  now?: Date;
};

/** The OAI identifier of record `id`: oai:<host>:record/<id>. */
export function oaiIdentifier(appUrl: string, id: number): string {
  return `oai:${new URL(appUrl).hostname}:record/${id}`;
}

function recordIdOf(appUrl: string, identifier: string): number | null {
  const prefix = `oai:${new URL(appUrl).hostname}:record/`;
  if (!identifier.startsWith(prefix)) return null;
  const rest = identifier.slice(prefix.length);
  return /^[1-9]\d{0,9}$/.test(rest) && Number(rest) <= 2_147_483_647 ? Number(rest) : null;
}

/** Answers one request given as its (name, value) pairs. Never throws for a harvester's mistake. */
export async function respond(ctx: OaiContext, pairs: [string, string][]): Promise<string> {
  const baseUrl = new URL("/oai", ctx.appUrl).toString();
  const parsed = parseRequest(pairs);
  // badVerb and badArgument answer with the base URL alone, no arguments (the protocol, 3.6).
  if (!parsed.ok) return envelope(ctx, baseUrl, {}, parsed.errors.map(errorXml).join(""));
  const { request } = parsed;
  try {
    return envelope(ctx, baseUrl, request.args, await answer(ctx, request));
  } catch (caught) {
    if (caught instanceof OaiError) return envelope(ctx, baseUrl, caught.code === "badArgument" ? {} : request.args, errorXml(caught));
    throw caught;
  }
}

function errorXml(error: OaiError): string {
  return element("error", error.message, { code: error.code });
}

function envelope(ctx: OaiContext, baseUrl: string, args: Record<string, string>, body: string): string {
  const responseDate = datestamp(ctx.now ?? new Date());
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">` +
    element("responseDate", responseDate) +
    `<request${attrs(args)}>${escapeXml(baseUrl)}</request>` +
    body +
    `</OAI-PMH>\n`
  );
}

function datestamp(at: Date): string {
  return at.toISOString().slice(0, 19) + "Z";
}

async function answer(ctx: OaiContext, request: OaiRequest): Promise<string> {
  switch (request.verb) {
    case "Identify":
      return identify(ctx);
    case "ListMetadataFormats":
      return listMetadataFormats(ctx, request);
    case "ListSets":
      return listSetsXml(ctx, request);
    case "GetRecord":
      return getRecord(ctx, request);
    case "ListIdentifiers":
    case "ListRecords":
      return list(ctx, request, request.verb);
  }
}

async function identify(ctx: OaiContext): Promise<string> {
  const earliest = (await earliestDatestamp(ctx.db)) ?? datestamp(ctx.now ?? new Date());
  return wrap(
    "Identify",
    element("repositoryName", ctx.repositoryName) +
      element("baseURL", new URL("/oai", ctx.appUrl).toString()) +
      element("protocolVersion", "2.0") +
      element("adminEmail", ctx.adminEmail) +
      element("earliestDatestamp", earliest) +
      element("deletedRecord", "persistent") +
      element("granularity", "YYYY-MM-DDThh:mm:ssZ"),
  );
}

async function listMetadataFormats(ctx: OaiContext, request: OaiRequest): Promise<string> {
  if (request.identifier !== undefined) await itemOrError(ctx, request.identifier, false);
  return wrap(
    "ListMetadataFormats",
    Object.entries(METADATA_FORMATS)
      .map(([prefix, f]) => wrap("metadataFormat", element("metadataPrefix", prefix) + element("schema", f.schema) + element("metadataNamespace", f.namespace)))
      .join(""),
  );
}

async function listSetsXml(ctx: OaiContext, request: OaiRequest): Promise<string> {
  // Collections are few: all of them in one response; a token is never issued, so any is bad.
  if (request.resumptionToken !== undefined) throw new OaiError("badResumptionToken", "This repository lists every set in one response; the token is not one it issued.");
  const sets = await listSets(ctx.db);
  if (sets.length === 0) throw new OaiError("noSetHierarchy", "This repository has no collections, so no sets.");
  return wrap(
    "ListSets",
    sets
      .map((s) =>
        wrap(
          "set",
          element("setSpec", s.spec) +
            element("setName", s.name) +
            (s.description
              ? wrap(
                  "setDescription",
                  wrap("oai_dc:dc", element("dc:description", s.description), {
                    "xmlns:oai_dc": METADATA_FORMATS.oai_dc.namespace,
                    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
                    "xsi:schemaLocation": `${METADATA_FORMATS.oai_dc.namespace} ${METADATA_FORMATS.oai_dc.schema}`,
                  }),
                )
              : ""),
        ),
      )
      .join(""),
  );
}

function prefixOf(prefix: string | undefined): MetadataPrefix {
  if (prefix === undefined || !isMetadataPrefix(prefix)) {
    throw new OaiError("cannotDisseminateFormat", `This repository has no metadata format "${prefix ?? ""}"; ListMetadataFormats lists oai_dc and mods.`);
  }
  return prefix;
}

async function itemOrError(ctx: OaiContext, identifier: string, full: boolean): Promise<OaiItem> {
  const id = recordIdOf(ctx.appUrl, identifier);
  const item = id === null ? null : await getItem(ctx.db, id, full);
  if (!item) throw new OaiError("idDoesNotExist", `No record has the identifier ${identifier.slice(0, 200)}.`);
  return item;
}

async function getRecord(ctx: OaiContext, request: OaiRequest): Promise<string> {
  const prefix = prefixOf(request.metadataPrefix);
  const item = await itemOrError(ctx, request.identifier!, true);
  return wrap("GetRecord", recordXml(ctx, item, prefix));
}

async function list(ctx: OaiContext, request: OaiRequest, verb: "ListIdentifiers" | "ListRecords"): Promise<string> {
  let state: TokenState;
  if (request.resumptionToken !== undefined) {
    const decoded = decodeToken(request.resumptionToken, ctx.secret);
    if (!decoded || decoded.verb !== verb || !decoded.metadataPrefix || !isMetadataPrefix(decoded.metadataPrefix)) {
      throw new OaiError("badResumptionToken", "The resumption token is not one this repository issued for this verb.");
    }
    state = decoded;
  } else {
    const prefix = prefixOf(request.metadataPrefix);
    if (request.set !== undefined && (await listSets(ctx.db)).length === 0) throw new OaiError("noSetHierarchy", "This repository has no collections, so no sets.");
    state = { verb, metadataPrefix: prefix, set: request.set, from: request.from?.text, until: request.until?.text, after: 0, cursor: 0, total: 0 };
  }
  const selection = selectionOf(state);
  const size = verb === "ListRecords" ? ctx.pageSize : ctx.pageSize * HEADERS_PER_RECORD;
  const full = verb === "ListRecords";
  const page = await listItems(ctx.db, selection, state.after, size + 1, full);
  if (page.length === 0) throw new OaiError("noRecordsMatch", "No record matches these arguments.");
  const more = page.length > size;
  const items = more ? page.slice(0, size) : page;
  // The list's size, counted once when the harvest begins and carried by the tokens.
  const total = request.resumptionToken === undefined ? (more ? await countItems(ctx.db, selection) : items.length) : state.total;
  const prefix = state.metadataPrefix as MetadataPrefix;
  const body = items.map((item) => (full ? recordXml(ctx, item, prefix) : headerXml(ctx, item))).join("");
  let token = "";
  if (more) {
    const next: TokenState = { ...state, after: items[items.length - 1]!.id, cursor: state.cursor + items.length, total };
    token = element("resumptionToken", encodeToken(next, ctx.secret), { completeListSize: String(Math.max(total, 1)), cursor: String(state.cursor) });
  } else if (request.resumptionToken !== undefined) {
    // The last part of a list that was resumed ends with an empty token (the protocol, 3.5).
    token = `<resumptionToken${attrs({ completeListSize: String(Math.max(state.total, 1)), cursor: String(state.cursor) })}/>`;
  }
  return wrap(verb, body + token);
}

/** The harvest's selection from its state (dates checked when the harvest began; the token is signed). */
function selectionOf(state: TokenState): Selection {
  const date = (text?: string) => (text ? (parseOaiDate(text) ?? undefined) : undefined);
  return { from: date(state.from), until: date(state.until), set: state.set };
}

function headerXml(ctx: OaiContext, item: OaiItem): string {
  return wrap(
    "header",
    element("identifier", oaiIdentifier(ctx.appUrl, item.id)) + element("datestamp", item.datestamp) + item.sets.map((s) => element("setSpec", s)).join(""),
    item.deleted ? { status: "deleted" } : {},
  );
}

function recordXml(ctx: OaiContext, item: OaiItem, prefix: MetadataPrefix): string {
  if (item.deleted || !item.revision) return wrap("record", headerXml(ctx, item));
  const links: Links = {
    recordUrl: (id) => new URL(`/records/${id}`, ctx.appUrl).toString(),
    revisionUrl: (id, number) => new URL(`/records/${id}/revisions/${number}`, ctx.appUrl).toString(),
    entityUrl: (id) => new URL(`/entities/${id}`, ctx.appUrl).toString(),
    publisher: ctx.repositoryName,
  };
  return wrap("record", headerXml(ctx, item) + wrap("metadata", METADATA_FORMATS[prefix].write(item.id, item.revision, links)));
}
