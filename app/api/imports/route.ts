// Upload a file to import: the request body is the file itself (application/octet-stream), with
// its name in ?name=. Editors and up, checked here on the server. Streamed into the database in
// slices (memory flat); a file over IMPORT_MAX_BYTES is refused before, or as soon as, it passes
// the limit, and nothing of it is kept.
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { ImportFormat } from "@/server/generated/prisma/enums";
import { refuseCrossSite } from "@/server/http/cross-site";
import { FileTooLarge } from "@/server/imports/files";
import { uploadImport } from "@/server/imports/imports";
import { z } from "zod";

const STATUS: Record<DomainError["code"], number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, TOO_MANY_REQUESTS: 429, PRECONDITION_FAILED: 412 };
const paramsSchema = z.object({ name: z.string().trim().min(1, "Give the file's name (?name=)").max(300), format: z.enum(ImportFormat).optional() });
const error = (status: number, message: string) => Response.json({ error: { message } }, { status });

export async function POST(req: Request) {
  const refused = refuseCrossSite(req, env.APP_URL, "application/octet-stream");
  if (refused) return refused;
  const user = await getSessionUser();
  if (!user) return error(401, "Sign in to do this.");
  if (!hasRole(user, "editor")) return error(403, "This needs the editor role or higher.");
  const params = paramsSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return error(400, params.error.issues[0]!.message);
  if ((req.headers.get("content-encoding") ?? "identity") !== "identity") return error(415, "Compressed uploads are not accepted: send the file itself.");
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > env.IMPORT_MAX_BYTES) return error(413, new FileTooLarge(env.IMPORT_MAX_BYTES).message);
  if (!req.body) return error(400, "The file is empty.");
  try {
    const created = await uploadImport(db, {
      author: user,
      fileName: params.data.name,
      format: params.data.format,
      body: req.body as unknown as AsyncIterable<Uint8Array>,
      maxBytes: env.IMPORT_MAX_BYTES,
    });
    return Response.json(created, { status: 201 });
  } catch (caught) {
    if (caught instanceof FileTooLarge) return error(413, caught.message);
    if (caught instanceof DomainError) return error(STATUS[caught.code], caught.message);
    throw caught;
  }
}
