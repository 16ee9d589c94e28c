// A reader's export of a search: the results of one query (filters and order as on the page),
// up to SEARCH_EXPORT_LIMIT of them, as CSV, RIS or BibTeX, for a spreadsheet or a reference
// manager. Built from the same citable revisions as each record's cite box.
import { stringify } from "csv-stringify/sync";
import { loadCitables } from "../citations/citable";
import { toCsl, type CiteContext, type CslItem } from "../citations/csl";
import { toBibtexAll, toRis } from "../citations/formats";
import type { DbOrTx } from "../db";
import { neutralizeCell } from "../http/csv";
import { searchWith, type SearchEngine, type SearchQuery } from "../search/engine";

/** Results a reader can export at once (README, "Getting records out"). */
export const SEARCH_EXPORT_LIMIT = 500;
const PAGE = 100;

export const SEARCH_EXPORT_FORMATS = {
  csv: { extension: "csv", type: "text/csv; charset=utf-8" },
  ris: { extension: "ris", type: "application/x-research-info-systems; charset=utf-8" },
  bibtex: { extension: "bib", type: "application/x-bibtex; charset=utf-8" },
} as const;
export type SearchExportFormat = keyof typeof SEARCH_EXPORT_FORMATS;

/** The export of a search's first SEARCH_EXPORT_LIMIT results, in the page's order. */
export async function exportSearch(db: DbOrTx, engine: SearchEngine, query: SearchQuery, format: SearchExportFormat, ctx: CiteContext) {
  const ids: number[] = [];
  for (let page = 1; ids.length < SEARCH_EXPORT_LIMIT; page++) {
    const result = await searchWith(engine, { ...query, page, pageSize: PAGE });
    ids.push(...result.hits.map((h) => h.id));
    if (result.hits.length < PAGE || page * PAGE >= result.reachable) break;
  }
  const citables = await loadCitables(db, ids.slice(0, SEARCH_EXPORT_LIMIT));
  // In the search's order; a record withdrawn since it was indexed is left out.
  const items = ids.flatMap((id) => (citables.has(id) ? [toCsl(citables.get(id)!, ctx)] : []));
  const body = format === "ris" ? items.map(toRis).join("") : format === "bibtex" ? toBibtexAll(items) : toCsv(items);
  return { body, count: items.length, type: SEARCH_EXPORT_FORMATS[format].type, fileName: `dossier-search.${SEARCH_EXPORT_FORMATS[format].extension}` };
}

const CSV_COLUMNS = ["Title", "Date", "Document type", "Authors", "Recipients", "Translators", "Source archive", "Locator", "Language", "Summary", "Permalink"];

function toCsv(items: CslItem[]): string {
  const names = (list?: { literal: string }[]) => (list ?? []).map((n) => n.literal).join("; ");
  const date = (item: CslItem) => item.issued["date-parts"].map((p) => p.map((n, i) => (i ? String(n).padStart(2, "0") : String(n))).join("-")).join("/");
  return stringify(
    items.map((item) => [item.title, date(item), item.genre, names(item.author), names(item.recipient), names(item.translator), item.archive ?? "", item.archive_location ?? "", item.language, item.abstract, item.URL]),
    { header: true, columns: CSV_COLUMNS, cast: { string: neutralizeCell } },
  );
}

