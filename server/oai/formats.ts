// The metadata formats the provider disseminates: unqualified Dublin Core (oai_dc, required by
// the protocol) and MODS 3.7 (the Library of Congress's richer format: names with roles, the
// archive and shelf locator, an EDTF date, subjects by kind, the collection as host item).
import { DOCUMENT_TYPE_LABELS } from "@/components/records/labels";
import type { OaiItem } from "./repository";
import { element, wrap } from "../http/xml";

export type Revision = NonNullable<OaiItem["revision"]>;
export type Links = { recordUrl: (id: number) => string; revisionUrl: (id: number, number: number) => string; entityUrl: (id: number) => string; publisher: string };

export const METADATA_FORMATS = {
  oai_dc: {
    schema: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    namespace: "http://www.openarchives.org/OAI/2.0/oai_dc/",
    write: oaiDc,
  },
  mods: {
    schema: "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd",
    namespace: "http://www.loc.gov/mods/v3",
    write: mods,
  },
} as const;
export type MetadataPrefix = keyof typeof METADATA_FORMATS;

export function isMetadataPrefix(prefix: string): prefix is MetadataPrefix {
  return Object.hasOwn(METADATA_FORMATS, prefix);
}

const genre = (r: Revision) => DOCUMENT_TYPE_LABELS[r.documentType] ?? "Document";

/** Unqualified Dublin Core: one element per value, in the order of the 15 elements' use here. */
function oaiDc(id: number, r: Revision, links: Links): string {
  const of = (role: string) => r.mentions.filter((m) => m.role === role);
  const kinds = (...types: string[]) => r.mentions.filter((m) => types.includes(m.type));
  const dc = (name: string, value: string) => element(`dc:${name}`, value);
  const parts = [
    dc("title", r.title),
    ...of("author").map((m) => dc("creator", m.name)),
    ...kinds("subject").map((m) => dc("subject", m.name)),
    ...kinds("person", "organization").filter((m) => m.role !== "author").map((m) => dc("subject", m.name)),
    dc("description", r.summary),
    dc("publisher", links.publisher),
    ...r.credits.filter((c) => c.role === "translated_by").map((c) => dc("contributor", c.name)),
    // The date in EDTF (ISO 8601-2): "1957-07", "1957~", "1950/1953".
    dc("date", r.dateEdtf),
    dc("type", "Text"),
    dc("type", genre(r)),
    dc("format", "text/html"),
    dc("identifier", links.recordUrl(id)),
    dc("identifier", links.revisionUrl(id, r.number)),
    dc("source", [r.sourceArchive, r.sourceLocator].filter(Boolean).join(", ")),
    dc("language", r.originalLanguage),
    ...kinds("place").map((m) => dc("coverage", m.name)),
    dc("rights", r.rights),
  ];
  return wrap("oai_dc:dc", parts.join(""), {
    "xmlns:oai_dc": METADATA_FORMATS.oai_dc.namespace,
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": `${METADATA_FORMATS.oai_dc.namespace} ${METADATA_FORMATS.oai_dc.schema}`,
  });
}

/** MARC relator codes for the roles a record gives names. */
const RELATOR = { author: ["aut", "author"], recipient: ["rcp", "addressee"], translator: ["trl", "translator"] } as const;

function mods(id: number, r: Revision, links: Links): string {
  const role = (which: keyof typeof RELATOR) =>
    wrap("mods:role", element("mods:roleTerm", RELATOR[which][0], { type: "code", authority: "marcrelator" }) + element("mods:roleTerm", RELATOR[which][1], { type: "text", authority: "marcrelator" }));
  const name = (value: string, type: "personal" | "corporate", which: keyof typeof RELATOR, uri?: string) =>
    wrap("mods:name", element("mods:namePart", value) + role(which), { type, valueURI: uri });
  const nameType = (t: string) => (t === "organization" ? "corporate" : "personal");
  const named = r.mentions.filter((m) => (m.role === "author" || m.role === "recipient") && (m.type === "person" || m.type === "organization"));
  const subjects = r.mentions.filter((m) => !named.includes(m));
  const subject = (m: Revision["mentions"][number]) => {
    const uri = links.entityUrl(m.id);
    if (m.type === "subject") return wrap("mods:subject", element("mods:topic", m.name, { valueURI: uri }));
    if (m.type === "place") return wrap("mods:subject", element("mods:geographic", m.name, { valueURI: uri }));
    return wrap("mods:subject", wrap("mods:name", element("mods:namePart", m.name), { type: nameType(m.type), valueURI: uri }));
  };
  const location = [
    element("mods:physicalLocation", r.sourceArchive),
    element("mods:shelfLocator", r.sourceLocator),
    element("mods:url", links.recordUrl(id), { usage: "primary", access: "object in context" }),
  ].join("");
  const parts = [
    wrap("mods:titleInfo", element("mods:title", r.title)),
    ...named.map((m) => name(m.name, nameType(m.type), m.role as "author" | "recipient", links.entityUrl(m.id))),
    ...r.credits.filter((c) => c.role === "translated_by").map((c) => name(c.name, "personal", "translator")),
    element("mods:typeOfResource", "text", { manuscript: "yes" }),
    element("mods:genre", genre(r)),
    wrap("mods:originInfo", element("mods:dateCreated", r.dateEdtf, { encoding: "edtf", keyDate: "yes" }) + element("mods:dateCreated", r.dateText)),
    wrap("mods:language", element("mods:languageTerm", r.originalLanguage, { type: "code", authority: "rfc5646" })),
    element("mods:abstract", r.summary),
    ...subjects.map(subject),
    wrap("mods:location", location),
    element("mods:accessCondition", r.rights, { type: "use and reproduction" }),
    element("mods:identifier", links.revisionUrl(id, r.number), { type: "uri" }),
    wrap("mods:recordInfo", element("mods:recordContentSource", links.publisher) + element("mods:recordIdentifier", String(id))),
  ];
  return wrap("mods:mods", parts.join(""), {
    "xmlns:mods": METADATA_FORMATS.mods.namespace,
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:schemaLocation": `${METADATA_FORMATS.mods.namespace} ${METADATA_FORMATS.mods.schema}`,
    version: "3.7",
  });
}
