// Public: a record's citation as a file (BibTeX, RIS or CSL-JSON), of its published revision or
// of one revision (?revision=3). Withdrawn records answer 410, unpublished or missing ones 404.
import { z } from "zod";
import { DOWNLOADS, citationFile } from "@/server/citations/cite";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { idFromParam } from "@/server/slug";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(Object.keys(DOWNLOADS) as [keyof typeof DOWNLOADS, ...(keyof typeof DOWNLOADS)[]], {
    error: `Choose a format: ${Object.keys(DOWNLOADS).join(", ")}.`,
  }),
  revision: z.string().regex(/^[1-9]\d{0,5}$/, "A revision is a number from 1.").transform(Number).optional(),
});

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idFromParam((await params).id);
  if (id === null) return Response.json({ error: { message: "No such record." } }, { status: 404 });
  const url = new URL(req.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: { message: parsed.error.issues[0]!.message } }, { status: 400 });
  const file = await citationFile(db, id, parsed.data.revision ?? null, parsed.data.format, { baseUrl: env.APP_URL, archiveName: env.ARCHIVE_NAME, accessed: new Date() });
  if (file.kind === "withdrawn") return Response.json({ error: { message: `Record ${id} was withdrawn from the public archive.` } }, { status: 410 });
  if (file.kind === "missing") return Response.json({ error: { message: parsed.data.revision ? `Record ${id} has no revision ${parsed.data.revision}.` : "No such record." } }, { status: 404 });
  return new Response(file.body, {
    headers: { "content-type": file.type, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "no-store" },
  });
}
