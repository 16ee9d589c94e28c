// A CSL item written out: Chicago (notes and bibliography, 18th edition), MLA 9 and APA 7 by
// citation-js (kept: wraps citeproc-js, the reference CSL processor, with the official style
// files vendored in ./styles), BibTeX by citation-js, RIS by hand (citation-js's RIS output
// drops the archive location and the translator, which Zotero reads: DB, AN, A4).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import type { CslDate, CslItem } from "./csl";

/** The styles offered, by the CSL file each is rendered with (./styles, CC BY-SA 3.0). */
export const STYLES = {
  "chicago-note": { label: "Chicago (note)", file: "chicago-notes-bibliography", form: "citation" },
  "chicago-bibliography": { label: "Chicago (bibliography)", file: "chicago-notes-bibliography", form: "bibliography" },
  mla: { label: "MLA", file: "modern-language-association", form: "bibliography" },
  apa: { label: "APA", file: "apa", form: "bibliography" },
} as const;
export type StyleName = keyof typeof STYLES;

let registered = false;
/** The vendored style files, registered with citation-js once per process. */
function registerStyles() {
  if (registered) return;
  const csl = plugins.config.get("@csl");
  for (const { file } of Object.values(STYLES)) {
    if (!csl.styles.has(file)) csl.styles.add(file, readFileSync(path.join(process.cwd(), "server/citations/styles", `${file}.csl`), "utf8"));
  }
  registered = true;
}

/** Each style's citation of the item, as plain text (what a reader pastes). */
export function renderStyles(item: CslItem): Record<StyleName, string> {
  registerStyles();
  const cite = new Cite([item]);
  return Object.fromEntries(
    Object.entries(STYLES).map(([name, style]) => [name, cite.format(style.form, { template: style.file, format: "text", lang: "en-US" }).trim()]),
  ) as Record<StyleName, string>;
}

/** BibTeX: an @unpublished entry; the archive and its locator go in the note. */
export function toBibtex(item: CslItem): string {
  return toBibtexAll([item]);
}

/** BibTeX entries of several items, in their order. */
export function toBibtexAll(items: CslItem[]): string {
  // Keys from the record and revision ("dossier_5_r2"): unique, where author-year-title keys
  // collide; underscores, as citation-js keeps only letters, digits and _ in a key.
  const withNote = items.map((item) => ({ ...item, "citation-key": item.id.replaceAll("-", "_"), note: [item.archive, item.archive_location].filter(Boolean).join(", ") || undefined }));
  return new Cite(withNote).format("bibtex", { format: "text" }).trim() + "\n";
}

/** CSL-JSON: the item itself, in an array as CSL-JSON files hold them. */
export function toCslJson(item: CslItem): string {
  return JSON.stringify([item], null, 2) + "\n";
}

/**
 * RIS as Zotero reads it (its RIS translator's field map): TY MANSCPT is a Manuscript, DB its
 * Archive, AN its Loc. in Archive, A4 a translator, M3 the manuscript type, DP the library
 * catalog (this archive), Y2 the access date. Lines end CRLF, as the format specifies.
 */
export function toRis(item: CslItem): string {
  const lines: [string, string | undefined][] = [
    ["TY", "MANSCPT"],
    ["ID", item.id],
    ["TI", item.title],
    ...(item.author ?? []).map((n): [string, string] => ["AU", n.literal]),
    ...(item.translator ?? []).map((n): [string, string] => ["A4", n.literal]),
    ["DA", risDate(item.issued)],
    ["PY", String(item.issued["date-parts"][0]![0])],
    ["M3", item.genre],
    ["DB", item.archive],
    ["AN", item.archive_location],
    ["DP", item.publisher],
    ["LA", item.language],
    ["AB", item.abstract],
    ["UR", item.URL],
    ["Y2", risDate(item.accessed)],
    ...(item.recipient?.length ? [["N1", `Recipient: ${item.recipient.map((n) => n.literal).join("; ")}`] as [string, string]] : []),
    ...(item.issued.circa ? [["N1", "Date approximate or uncertain."] as [string, string]] : []),
  ];
  return [...lines.filter(([, v]) => v), ["ER", ""]].map(([tag, value]) => `${tag}  - ${oneLine(value!)}`.trimEnd() + (tag === "ER" ? " " : "")).join("\r\n") + "\r\n";
}

/** RIS dates are YYYY/MM/DD/other: the first date of a span, unknown parts left empty. */
function risDate(date: CslDate): string {
  const [y, m, d] = date["date-parts"][0]!;
  const two = (n?: number) => (n === undefined ? "" : String(n).padStart(2, "0"));
  return `${String(y).padStart(4, "0")}/${two(m)}/${two(d)}/${date.circa ? "circa" : ""}`;
}

/** A RIS value is one line: line breaks become spaces. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, " ");
}
