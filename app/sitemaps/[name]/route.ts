// Public: one sitemap, streamed: records-<n>.xml and entities-<n>.xml (ids (n-1)*50,000+1 to
// n*50,000), collections.xml.
import { db } from "@/server/db";
import { textStream } from "@/server/http/stream";
import { env } from "@/server/env";
import { collectionsSitemap, sitemap } from "@/server/sitemaps/sitemaps";

export const dynamic = "force-dynamic";

const XML = { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=3600" };

export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const name = (await params).name;
  if (name === "collections.xml") return new Response(await collectionsSitemap(db, env.APP_URL), { headers: XML });
  const match = /^(records|entities)-([1-9]\d{0,5})\.xml$/.exec(name);
  const chunks = match ? sitemap(db, env.APP_URL, match[1] as "records" | "entities", Number(match[2])) : null;
  if (!chunks) return new Response("No such sitemap.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(textStream(chunks), { headers: XML });
}
