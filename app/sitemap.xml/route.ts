// Public: the sitemap index (server/sitemaps/), named in robots.txt.
import { db } from "@/server/db";
import { env } from "@/server/env";
import { sitemapIndex } from "@/server/sitemaps/sitemaps";

export const dynamic = "force-dynamic";

export async function GET() {
  return new Response(await sitemapIndex(db, env.APP_URL), { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=3600" } });
}
