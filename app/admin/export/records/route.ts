// Admins: the whole published archive as JSON Lines or CSV (?format=jsonl|csv), streamed. The
// X-Dossier-Records header says how many records it holds (the export page's progress bar).
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { textStream } from "@/server/http/stream";
import { env } from "@/server/env";
import { archiveExport, archiveExportSize, ARCHIVE_EXPORT_FORMATS, type ArchiveExportFormat } from "@/server/interchange/archive-export";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: { message: "Sign in to do this." } }, { status: 401 });
  if (!hasRole(user, "admin")) return Response.json({ error: { message: "This needs the admin role." } }, { status: 403 });
  const format = new URL(req.url).searchParams.get("format") ?? "";
  if (!Object.hasOwn(ARCHIVE_EXPORT_FORMATS, format)) {
    return Response.json({ error: { message: `Choose a format: ${Object.keys(ARCHIVE_EXPORT_FORMATS).join(", ")}.` } }, { status: 400 });
  }
  const { extension, type } = ARCHIVE_EXPORT_FORMATS[format as ArchiveExportFormat];
  const size = await archiveExportSize(db);
  const chunks = archiveExport(db, format as ArchiveExportFormat, env.APP_URL);
  return new Response(textStream(chunks), {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="dossier-archive-${new Date().toISOString().slice(0, 10)}.${extension}"`,
      "x-dossier-records": String(size),
      "cache-control": "no-store",
    },
  });
}
