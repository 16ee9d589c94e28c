// What a record page says about itself to machines: Highwire Press `citation_*` tags (Zotero's
// embedded-metadata translator and Google Scholar read them), Dublin Core `DC.*` tags, Open
// Graph, and schema.org JSON-LD. Made from the same citable revision as the cite box.
import { IDENTIFIER_LINKS } from "../entities/identifier-links";
import type { Citation } from "./cite";

type EntityRef = { id: number; type: string; name: string; role: string; url: string };
type CollectionRef = { title: string; url: string };

export interface PageMetadata {
  /** <meta name=... content=...>: several values give several tags. */
  tags: Record<string, string | string[]>;
  openGraph: { title: string; description: string; url: string; siteName: string; type: "article" };
  jsonLd: Record<string, unknown>;
}

/** A date as precise as the record says: "1957-07-24", "1957-07", "1957". */
function isoOf(parts: number[]): string {
  const [y, m, d] = parts;
  return [String(y).padStart(4, "0"), m && String(m).padStart(2, "0"), d && String(d).padStart(2, "0")].filter(Boolean).join("-");
}

/**
 * Tags and JSON-LD of a record page. `canonicalUrl`: the record's stable URL; `entities` and
 * `collections` with the absolute URLs of their pages.
 */
export function recordMetadata(citation: Citation, input: { canonicalUrl: string; entities: EntityRef[]; collections: CollectionRef[] }): PageMetadata {
  const { citable, item } = citation;
  const [first, last = first] = item.issued["date-parts"] as [number[], number[]?];
  const from = isoOf(first!);
  const to = isoOf(last!);
  const source = [citable.sourceArchive, citable.sourceLocator].filter(Boolean).join(", ");
  const authors = input.entities.filter((e) => e.role === "author");

  const tags: Record<string, string | string[]> = {
    citation_title: citable.title,
    citation_author: citable.authors,
    // Highwire dates are YYYY/MM/DD, as far as known.
    citation_publication_date: from.replaceAll("-", "/"),
    citation_date: from.replaceAll("-", "/"),
    citation_online_date: citable.published.replaceAll("-", "/"),
    citation_publisher: item.publisher,
    citation_language: citable.originalLanguage,
    citation_public_url: item.URL,
    "DC.title": citable.title,
    "DC.creator": citable.authors,
    "DC.date": from === to ? from : `${from}/${to}`,
    "DC.type": item.genre,
    "DC.format": "text/html",
    "DC.language": citable.originalLanguage,
    "DC.description": citable.summary,
    "DC.publisher": item.publisher,
    "DC.identifier": item.URL,
    "DC.source": source,
    "DC.rights": citable.rights,
    "DC.contributor": citable.translators,
    "DC.subject": input.entities.filter((e) => e.type === "subject").map((e) => e.name),
    "DC.coverage": input.entities.filter((e) => e.type === "place").map((e) => e.name),
  };
  for (const [name, value] of Object.entries(tags)) if (value === "" || (Array.isArray(value) && value.length === 0)) delete tags[name];

  const agent = (e: EntityRef) => ({ "@type": SCHEMA_TYPE[e.type] ?? "Thing", "@id": e.url, name: e.name, url: e.url });
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "ArchiveComponent",
    "@id": input.canonicalUrl,
    url: input.canonicalUrl,
    name: citable.title,
    description: citable.summary,
    genre: item.genre,
    inLanguage: citable.originalLanguage,
    dateCreated: from === to ? from : undefined,
    // An interval, as ISO 8601 writes one: "1957-07/1957-07" is "some time in July 1957".
    temporalCoverage: `${from}/${to}`,
    holdingArchive: citable.sourceArchive ? { "@type": "ArchiveOrganization", name: citable.sourceArchive } : undefined,
    itemLocation: citable.sourceLocator || undefined,
    author: authors.length ? authors.map(agent) : undefined,
    translator: citable.translators.length ? citable.translators.map((name) => ({ "@type": "Person", name })) : undefined,
    about: (() => {
      const about = input.entities.filter((e) => e.type === "subject");
      return about.length ? about.map(agent) : undefined;
    })(),
    mentions: (() => {
      const mentioned = input.entities.filter((e) => e.type !== "subject" && e.role !== "author");
      return mentioned.length ? mentioned.map(agent) : undefined;
    })(),
    isPartOf: input.collections.length ? input.collections.map((c) => ({ "@type": "Collection", name: c.title, url: c.url })) : undefined,
    publisher: { "@type": "Organization", name: item.publisher },
    copyrightNotice: citable.rights || undefined,
    version: String(citable.revision),
    dateModified: citable.published,
  };
  return {
    tags,
    openGraph: { title: citable.title, description: citable.summary, url: input.canonicalUrl, siteName: item.publisher, type: "article" },
    jsonLd: withoutEmpty(jsonLd),
  };
}

/** schema.org's type for each kind of entity. */
export const SCHEMA_TYPE: Record<string, string> = { person: "Person", organization: "Organization", place: "Place", subject: "DefinedTerm" };

/** JSON-LD of an entity page: a Person, Organization, Place or DefinedTerm with its names and sameAs links. */
export function entityJsonLd(entity: {
  type: string;
  name: string;
  variants: string[];
  description: string;
  url: string;
  identifiers: { scheme: string; value: string }[];
  coordinates?: { latitude: number; longitude: number } | null;
}): Record<string, unknown> {
  const sameAs = entity.identifiers.flatMap((i) => IDENTIFIER_LINKS[i.scheme]?.(i.value).href ?? []);
  return withoutEmpty({
    "@context": "https://schema.org",
    "@type": SCHEMA_TYPE[entity.type] ?? "Thing",
    "@id": entity.url,
    url: entity.url,
    name: entity.name,
    alternateName: entity.variants.length ? entity.variants : undefined,
    description: entity.description || undefined,
    sameAs: sameAs.length ? sameAs : undefined,
    geo: entity.coordinates ? { "@type": "GeoCoordinates", latitude: entity.coordinates.latitude, longitude: entity.coordinates.longitude } : undefined,
  });
}

/** A JSON-LD script's text: safe inside <script> (no "</script>", no HTML comment openers). */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== ""));
}
