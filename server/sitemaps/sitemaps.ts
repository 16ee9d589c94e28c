// Sitemaps (sitemaps.org 0.9): an index, and sitemaps of at most 50,000 URLs each for records,
// entities and collections, with lastmod from what the public last saw change. Each sitemap
// covers a fixed range of ids (records 1-50,000, 50,001-100,000, ...), so it is found without
// counting, and is written as a stream, a few thousand rows at a time: memory stays flat
// however large the archive.
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { escapeXml } from "../http/xml";
import { collectionPath, entityPath, recordPath } from "../slug";

const { sql } = Prisma;

/** URLs per sitemap: the protocol's limit. */
export const SITEMAP_URLS = 50_000;
/** Rows read per statement while a sitemap is written. */
const BATCH = 5_000;

const XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

export type SitemapKind = "records" | "entities";

/** The sitemap index: every id range that holds a public page, and the collections' sitemap. `perSitemap`: ids per sitemap (tests use fewer). */
export async function sitemapIndex(db: Db, appUrl: string, perSitemap = SITEMAP_URLS): Promise<string> {
  const [records, entities, collections] = await Promise.all([
    readRows<{ chunk: number; lastmod: string | null }>(db, sql`
      SELECT (id - 1) / ${perSitemap} AS chunk, to_char(max(public_changed_at), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod
      FROM records WHERE status = 'published' GROUP BY 1 ORDER BY 1`),
    readRows<{ chunk: number; lastmod: string | null }>(db, sql`
      SELECT (id - 1) / ${perSitemap} AS chunk, to_char(max(updated_at), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod
      FROM entities WHERE merged_into_id IS NULL GROUP BY 1 ORDER BY 1`),
    readRows<{ lastmod: string | null }>(db, sql`SELECT to_char(max(updated_at), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod FROM collections`),
  ]);
  const entry = (path: string, lastmod: string | null) =>
    `<sitemap><loc>${escapeXml(new URL(path, appUrl).toString())}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">` +
    records.map((r) => entry(`/sitemaps/records-${r.chunk + 1}.xml`, r.lastmod)).join("") +
    entities.map((e) => entry(`/sitemaps/entities-${e.chunk + 1}.xml`, e.lastmod)).join("") +
    entry("/sitemaps/collections.xml", collections[0]?.lastmod ?? null) +
    `</sitemapindex>\n`
  );
}

type Row = { id: number; label: string; lastmod: string };

/** One page of a kind's rows, in id order, within (after, last]. */
function page(db: Db, kind: SitemapKind, after: number, last: number): Promise<Row[]> {
  return kind === "records"
    ? readRows<Row>(db, sql`
        SELECT r.id, v.title AS label, to_char(r.public_changed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod
        FROM records r JOIN record_revisions v ON v.id = r.published_revision_id
        WHERE r.status = 'published' AND r.id > ${after} AND r.id <= ${last}
        ORDER BY r.id LIMIT ${BATCH}`)
    : readRows<Row>(db, sql`
        SELECT e.id, n.name AS label, to_char(e.updated_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod
        FROM entities e JOIN entity_names n ON n.entity_id = e.id AND n.is_preferred
        WHERE e.merged_into_id IS NULL AND e.id > ${after} AND e.id <= ${last}
        ORDER BY e.id LIMIT ${BATCH}`);
}

function url(appUrl: string, path: string, lastmod: string | null): string {
  return `<url><loc>${escapeXml(new URL(path, appUrl).toString())}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
}

/**
 * Sitemap `number` (from 1) of a kind, as chunks of XML text: the pages of ids
 * (number-1)*50,000+1 to number*50,000. Null when the number is out of range.
 */
export function sitemap(db: Db, appUrl: string, kind: SitemapKind, number: number, perSitemap = SITEMAP_URLS): AsyncGenerator<string> | null {
  if (!Number.isSafeInteger(number) || number < 1 || number > 100_000) return null;
  const first = (number - 1) * perSitemap;
  const last = number * perSitemap;
  return (async function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">`;
    for (let after = first; ; ) {
      const rows = await page(db, kind, after, last);
      if (rows.length === 0) break;
      yield rows
        .map((row) => url(appUrl, kind === "records" ? recordPath({ id: row.id, title: row.label }) : entityPath({ id: row.id, name: row.label }), row.lastmod))
        .join("");
      after = rows[rows.length - 1]!.id;
      if (rows.length < BATCH) break;
    }
    yield `</urlset>\n`;
  })();
}

/** The collections' sitemap (a few dozen pages at most). */
export async function collectionsSitemap(db: Db, appUrl: string): Promise<string> {
  const rows = await readRows<{ slug: string; lastmod: string }>(db, sql`
    SELECT slug, to_char(updated_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lastmod FROM collections ORDER BY slug LIMIT ${SITEMAP_URLS}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">${rows.map((c) => url(appUrl, collectionPath(c), c.lastmod)).join("")}</urlset>\n`;
}
