// "Cite this document": a revision's CSL item, its rendered styles and its downloads.
import type { DbOrTx } from "../db";
import { loadCitable, type Citable } from "./citable";
import { toCsl, type CiteContext, type CslItem } from "./csl";
import { renderStyles, toBibtex, toCslJson, toRis, type StyleName } from "./formats";

export const DOWNLOADS = {
  bibtex: { label: "BibTeX", extension: "bib", type: "application/x-bibtex; charset=utf-8", write: toBibtex },
  ris: { label: "RIS", extension: "ris", type: "application/x-research-info-systems; charset=utf-8", write: toRis },
  "csl-json": { label: "CSL-JSON", extension: "json", type: "application/vnd.citationstyles.csl+json; charset=utf-8", write: toCslJson },
} as const;
export type DownloadFormat = keyof typeof DOWNLOADS;

export type Citation = { citable: Citable; item: CslItem; styles: Record<StyleName, string> };

export type CitationLookup = { kind: "found"; citation: Citation } | { kind: "withdrawn" | "missing" };

/** The citation of revision `number` of a published record (null: the published revision). */
export async function citationOf(db: DbOrTx, recordId: number, number: number | null, ctx: CiteContext): Promise<CitationLookup> {
  const found = await cslOf(db, recordId, number, ctx);
  if (found.kind !== "found") return { kind: found.kind };
  const { citable, item } = found;
  return { kind: "found", citation: { citable, item, styles: renderStyles(item) } };
}

/** A download of that citation: file name, media type and body; null when there is none. */
export async function citationFile(db: DbOrTx, recordId: number, number: number | null, format: DownloadFormat, ctx: CiteContext) {
  const found = await cslOf(db, recordId, number, ctx);
  if (found.kind !== "found") return found;
  const download = DOWNLOADS[format];
  return {
    kind: "found" as const,
    fileName: `dossier-${recordId}-r${found.citable.revision}.${download.extension}`,
    type: download.type,
    body: download.write(found.item),
  };
}

/** The citable revision and its CSL item, or why there is none. */
async function cslOf(db: DbOrTx, recordId: number, number: number | null, ctx: CiteContext) {
  const found = await loadCitable(db, recordId, number);
  return found.kind === "found" ? { ...found, item: toCsl(found.citable, ctx) } : found;
}
