// Public: the OAI-PMH 2.0 provider (server/oai/). GET with a query string, or POST with a form
// body, as the protocol allows; every answer, errors included, is an OAI-PMH XML document.
import { db } from "@/server/db";
import { env } from "@/server/env";
import { respond } from "@/server/oai/respond";

export const dynamic = "force-dynamic";

/** A form body larger than this is not an OAI-PMH request (arguments are short). */
const MAX_FORM_BYTES = 16 * 1024;

function answer(pairs: [string, string][]) {
  return respond({ db, appUrl: env.APP_URL, repositoryName: env.ARCHIVE_NAME, adminEmail: env.OAI_ADMIN_EMAIL, secret: env.AUTH_SECRET, pageSize: env.OAI_PAGE_SIZE }, pairs).then(
    (xml) => new Response(xml, { headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" } }),
  );
}

export async function GET(req: Request) {
  return answer([...new URL(req.url).searchParams]);
}

export async function POST(req: Request) {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return Response.json({ error: { message: "OAI-PMH requests by POST send their arguments as application/x-www-form-urlencoded." } }, { status: 415 });
  }
  if (Number(req.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) return Response.json({ error: { message: "The request body is too large." } }, { status: 413 });
  const body = await req.text();
  if (Buffer.byteLength(body) > MAX_FORM_BYTES) return Response.json({ error: { message: "The request body is too large." } }, { status: 413 });
  return answer([...new URLSearchParams(body)]);
}
