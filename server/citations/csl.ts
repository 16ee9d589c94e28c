// One CSL-JSON object per cited revision: every style and every download (BibTeX, RIS, CSL-JSON)
// is made from it, so they never disagree. CSL-JSON is the Citation Style Language's data model
// (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
import { DOCUMENT_TYPE_LABELS } from "@/components/records/labels";
import type { Citable } from "./citable";

/** A CSL name: always written whole. */
export type CslName = { literal: string };
export type CslDate = { "date-parts": number[][]; circa?: boolean };

export interface CslItem {
  id: string;
  type: "manuscript";
  title: string;
  genre: string;
  author?: CslName[];
  recipient?: CslName[];
  translator?: CslName[];
  issued: CslDate;
  archive?: string;
  archive_location?: string;
  publisher: string;
  URL: string;
  accessed: CslDate;
  language: string;
  abstract: string;
  note?: string;
}

export interface CiteContext {
  /** The site's public base URL (APP_URL). */
  baseUrl: string;
  /** The digital archive's name, as publisher (ARCHIVE_NAME). */
  archiveName: string;
  /** The day the reader consults it (today). */
  accessed: Date;
}

/** The permalink of a cited revision: what every citation points at. */
export function revisionUrl(baseUrl: string, recordId: number, revision: number): string {
  return new URL(`/records/${recordId}/revisions/${revision}`, baseUrl).toString();
}

/**
 * The CSL item of a revision. Archival documents are CSL's "manuscript" (Zotero's Manuscript,
 * RIS MANSCPT), the document type its genre. Names are written whole (`literal`): an archive's
 * names are Russian, Korean, Chinese, Hungarian..., and splitting "Kim Il Sung" or "Mao Zedong"
 * into given and family names by position would invert them wrongly; a style then prints them
 * as the archive writes them.
 */
export function toCsl(c: Citable, ctx: CiteContext): CslItem {
  const names = (list: string[]) => (list.length ? list.map((literal) => ({ literal })) : undefined);
  const item: CslItem = {
    id: `dossier-${c.recordId}-r${c.revision}`,
    type: "manuscript",
    title: c.title,
    genre: DOCUMENT_TYPE_LABELS[c.documentType] ?? "Document",
    author: names(c.authors),
    recipient: names(c.recipients),
    translator: names(c.translators),
    issued: issuedOf(c),
    archive: c.sourceArchive || undefined,
    archive_location: c.sourceLocator || undefined,
    publisher: ctx.archiveName,
    URL: revisionUrl(ctx.baseUrl, c.recordId, c.revision),
    accessed: { "date-parts": [dayParts(ctx.accessed.toISOString().slice(0, 10), "day")] },
    language: c.originalLanguage,
    abstract: c.summary,
  };
  // Drop absent fields: CSL-JSON readers treat a present empty value as a value.
  for (const key of Object.keys(item) as (keyof CslItem)[]) if (item[key] === undefined) delete item[key];
  return item;
}

/**
 * The document's date as structured CSL: as precise as the record says and no more ("July 1957"
 * is year and month), a span for ranges and decades ("1950-1953", "1950s"), `circa` for an
 * approximate or uncertain date ("circa 1957", "1955?"). Each style then writes it its own way.
 */
export function issuedOf(c: Pick<Citable, "dateEarliest" | "dateLatest" | "precision" | "approximate" | "uncertain">): CslDate {
  const precision = c.precision === "day" || c.precision === "month" ? c.precision : "year";
  const first = dayParts(c.dateEarliest, precision);
  const last = dayParts(c.dateLatest, precision);
  const date: CslDate = { "date-parts": first.join("-") === last.join("-") ? [first] : [first, last] };
  if (c.approximate || c.uncertain) date.circa = true;
  return date;
}

function dayParts(iso: string, precision: "day" | "month" | "year"): number[] {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return precision === "day" ? [y, m, d] : precision === "month" ? [y, m] : [y];
}
