// A feed as an HTTP response: Atom, or 404 when its collection or entity does not exist.
import { db } from "../db";
import { env } from "../env";
import { atomFeed, type FeedScope } from "./atom";

export async function feedResponse(scope: FeedScope | null): Promise<Response> {
  const xml = scope ? await atomFeed(db, scope, { appUrl: env.APP_URL, archiveName: env.ARCHIVE_NAME }) : null;
  if (xml === null) return new Response("No such feed.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=300" } });
}
