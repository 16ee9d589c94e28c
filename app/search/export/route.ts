// Public: a search's results (the /search page's query string, plus format=csv|ris|bibtex) as a
// file, up to SEARCH_EXPORT_LIMIT results.
import { parseSearchUrl } from "@/components/search/search-url";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { exportSearch, SEARCH_EXPORT_FORMATS, type SearchExportFormat } from "@/server/interchange/search-export";
import { getSearchEngine } from "@/server/search";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const format = params.get("format") ?? "";
  if (!Object.hasOwn(SEARCH_EXPORT_FORMATS, format)) {
    return Response.json({ error: { message: `Choose a format: ${Object.keys(SEARCH_EXPORT_FORMATS).join(", ")}.` } }, { status: 400 });
  }
  const query: Record<string, string[]> = {};
  for (const [name, value] of params) (query[name] ??= []).push(value);
  const file = await exportSearch(db, getSearchEngine(), parseSearchUrl(query), format as SearchExportFormat, { baseUrl: env.APP_URL, archiveName: env.ARCHIVE_NAME, accessed: new Date() });
  return new Response(file.body, {
    headers: { "content-type": file.type, "content-disposition": `attachment; filename="${file.fileName}"`, "x-dossier-results": String(file.count), "cache-control": "no-store" },
  });
}
