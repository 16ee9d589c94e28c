// Embedded metadata: Highwire and Dublin Core tags, and schema.org JSON-LD that a JSON-LD
// processor (jsonld.js) expands without dropping a term, each term checked against the
// schema.org vocabulary as written below.
import jsonld from "jsonld";
import { beforeAll, describe, expect, it } from "vitest";
import { citationOf, type Citation } from "../../server/citations/cite";
import { entityJsonLd, jsonLdScript, recordMetadata } from "../../server/citations/metadata";
import { db } from "../../server/db";
import { recordContentSchema } from "../../server/records/content";
import { publishRevision } from "../../server/records/publish";

const SCHEMA = "https://schema.org/";
/**
 * The schema.org terms Dossier writes: each property with the types it is defined on
 * (schema.org's domainIncludes, or a supertype of the type used), each type with its supertypes.
 * From https://schema.org (release 29): e.g. holdingArchive and itemLocation are defined on
 * ArchiveComponent, translator on CreativeWork, sameAs and alternateName on Thing.
 */
const TYPES: Record<string, string[]> = {
  ArchiveComponent: ["CreativeWork", "Thing"],
  ArchiveOrganization: ["LocalBusiness", "Organization", "Thing"],
  Collection: ["CreativeWork", "Thing"],
  Organization: ["Thing"],
  Person: ["Thing"],
  Place: ["Thing"],
  DefinedTerm: ["Intangible", "Thing"],
  GeoCoordinates: ["StructuredValue", "Intangible", "Thing"],
};
const PROPERTIES: Record<string, { on: string[]; id?: true }> = {
  name: { on: ["Thing"] },
  description: { on: ["Thing"] },
  url: { on: ["Thing"], id: true },
  alternateName: { on: ["Thing"] },
  sameAs: { on: ["Thing"], id: true },
  genre: { on: ["CreativeWork"] },
  inLanguage: { on: ["CreativeWork"] },
  dateCreated: { on: ["CreativeWork"] },
  dateModified: { on: ["CreativeWork"] },
  temporalCoverage: { on: ["CreativeWork"] },
  author: { on: ["CreativeWork"] },
  translator: { on: ["CreativeWork"] },
  about: { on: ["CreativeWork"] },
  mentions: { on: ["CreativeWork"] },
  isPartOf: { on: ["CreativeWork"] },
  publisher: { on: ["CreativeWork"] },
  copyrightNotice: { on: ["CreativeWork"] },
  version: { on: ["CreativeWork"] },
  holdingArchive: { on: ["ArchiveComponent"] },
  itemLocation: { on: ["ArchiveComponent"] },
  geo: { on: ["Place"] },
  latitude: { on: ["GeoCoordinates", "Place"] },
  longitude: { on: ["GeoCoordinates", "Place"] },
};
/** A context with exactly those terms: anything else would be dropped by expansion. */
const CONTEXT = {
  "@context": {
    ...Object.fromEntries(Object.keys(TYPES).map((t) => [t, `${SCHEMA}${t}`])),
    ...Object.fromEntries(Object.entries(PROPERTIES).map(([p, d]) => [p, d.id ? { "@id": `${SCHEMA}${p}`, "@type": "@id" } : `${SCHEMA}${p}`])),
  },
};
const documentLoader = async (url: string) => {
  if (url !== "https://schema.org" && url !== "https://schema.org/") throw new Error(`no network: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: CONTEXT };
};

/** Every property of every node (recursively) is defined on that node's type. */
function checkVocabulary(node: Record<string, unknown>, where = "root"): void {
  const type = node["@type"] as string;
  expect(TYPES[type], `${where}: type ${type}`).toBeDefined();
  const kinds = [type, ...TYPES[type]!];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@")) continue;
    expect(PROPERTIES[key], `${where}: property ${key}`).toBeDefined();
    expect(PROPERTIES[key]!.on.some((t) => kinds.includes(t)), `${where}: ${key} on ${type}`).toBe(true);
    for (const child of [value].flat()) if (child && typeof child === "object") checkVocabulary(child as Record<string, unknown>, `${where}.${key}`);
  }
}
/** Properties, recursively, as [path, count] of values: compared before and after expansion. */
function shape(node: unknown, iri = (k: string) => k, path = ""): string[] {
  if (!node || typeof node !== "object") return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => {
    if (k.startsWith("@")) return [];
    const key = `${path}/${iri(k)}`;
    const values = [v].flat();
    return [`${key}#${values.length}`, ...values.flatMap((x) => shape(x, iri, key))];
  });
}

describe("embedded metadata", () => {
  let citation: Citation;
  const entities = [
    { id: 1, type: "person", name: "Terentii Shtykov", role: "author", url: "https://archive.example.org/entities/1-terentii-shtykov" },
    { id: 2, type: "person", name: "Andrei Gromyko", role: "recipient", url: "https://archive.example.org/entities/2-andrei-gromyko" },
    { id: 3, type: "place", name: "Pyongyang", role: "mentioned", url: "https://archive.example.org/entities/3-pyongyang" },
    { id: 4, type: "subject", name: "Military aid", role: "mentioned", url: "https://archive.example.org/entities/4-military-aid" },
  ];

  beforeAll(async () => {
    const { recordId } = await db.$transaction((tx) =>
      publishRevision(tx, {
        authorId: null,
        content: recordContentSchema.parse({
          title: "Telegram on </script><script>alert(1)</script> the front",
          dateText: "July 1957",
          summary: "A test record.",
          originalLanguage: "ru",
          documentType: "telegram",
          sourceArchive: "Archive of Foreign Policy of the Russian Federation (AVP RF)",
          sourceLocator: "Fond 0102, Opis 13, Delo 5",
          credits: [{ role: "translated_by", name: "Gary Goldberg" }],
        }),
      }),
    );
    const found = await citationOf(db, recordId, null, { baseUrl: "https://archive.example.org", archiveName: "Dossier", accessed: new Date("2026-12-01") });
    if (found.kind !== "found") throw new Error(found.kind);
    citation = found.citation;
  });

  const metadata = () =>
    recordMetadata(citation, { canonicalUrl: "https://archive.example.org/records/1-telegram", entities, collections: [{ title: "Korean War", url: "https://archive.example.org/collections/korean-war" }] });

  it("writes Highwire and Dublin Core tags with the title, date, archive and locator", () => {
    const { tags, openGraph } = metadata();
    expect(tags.citation_title).toBe(citation.citable.title);
    expect(tags.citation_publication_date).toBe("1957/07");
    expect(tags["DC.date"]).toBe("1957-07");
    expect(tags["DC.source"]).toBe("Archive of Foreign Policy of the Russian Federation (AVP RF), Fond 0102, Opis 13, Delo 5");
    expect(tags["DC.contributor"]).toEqual(["Gary Goldberg"]);
    expect(tags["DC.subject"]).toEqual(["Military aid"]);
    expect(tags["DC.identifier"]).toMatch(/\/records\/\d+\/revisions\/1$/);
    expect(openGraph).toMatchObject({ type: "article", url: "https://archive.example.org/records/1-telegram", siteName: "Dossier" });
  });

  it("writes an ArchiveComponent with the holding archive, location and a date interval", () => {
    const { jsonLd } = metadata();
    expect(jsonLd).toMatchObject({
      "@type": "ArchiveComponent",
      temporalCoverage: "1957-07/1957-07",
      dateCreated: "1957-07",
      holdingArchive: { "@type": "ArchiveOrganization", name: "Archive of Foreign Policy of the Russian Federation (AVP RF)" },
      itemLocation: "Fond 0102, Opis 13, Delo 5",
      author: [{ "@type": "Person", "@id": entities[0]!.url }],
      about: [{ "@type": "DefinedTerm", "@id": entities[3]!.url }],
      isPartOf: [{ "@type": "Collection", name: "Korean War" }],
    });
    const mentioned = (jsonLd.mentions as { "@id": string }[]).map((m) => m["@id"]);
    expect(mentioned).toEqual([entities[1]!.url, entities[2]!.url]);
  });

  it("uses only schema.org terms, each on a type that has it, and expands without losing one", async () => {
    for (const data of [
      metadata().jsonLd,
      entityJsonLd({ type: "person", name: "Choe Yong-geon", variants: ["최용건"], description: "A leader.", url: "https://archive.example.org/entities/1", identifiers: [{ scheme: "wikidata", value: "Q312850" }, { scheme: "viaf", value: "123" }] }),
      entityJsonLd({ type: "place", name: "Pyongyang", variants: [], description: "", url: "https://archive.example.org/entities/3", identifiers: [], coordinates: { latitude: 39.0194, longitude: 125.7381 } }),
    ]) {
      checkVocabulary(data);
      const expanded = await jsonld.expand(data as jsonld.JsonLdDocument, { documentLoader: documentLoader as never });
      expect(shape(expanded[0]).sort()).toEqual(shape(data, (k) => `${SCHEMA}${k}`).sort());
    }
  });

  it("links entities to Wikidata, VIAF and the Library of Congress as sameAs", () => {
    const data = entityJsonLd({ type: "place", name: "Pyongyang", variants: [], description: "", url: "https://archive.example.org/entities/3", identifiers: [{ scheme: "wikidata", value: "Q18808" }, { scheme: "lcnaf", value: "n79056036" }] });
    expect(data).toEqual({
      "@context": "https://schema.org",
      "@type": "Place",
      "@id": "https://archive.example.org/entities/3",
      url: "https://archive.example.org/entities/3",
      name: "Pyongyang",
      sameAs: ["https://www.wikidata.org/wiki/Q18808", "https://id.loc.gov/authorities/names/n79056036"],
    });
  });

  it("writes JSON-LD that no record text can break out of", () => {
    const script = jsonLdScript(metadata().jsonLd);
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain("<");
    expect(JSON.parse(script).name).toBe(citation.citable.title);
  });
});
