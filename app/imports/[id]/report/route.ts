// An import's report as CSV: one line per problem (or per row without any), in file order.
// Editors and up, and only for imports they may see (their own; any submitted one for reviewers).
import { getSessionUser } from "@/server/auth/session";
import { hasRole } from "@/server/auth/roles";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { neutralizeCell } from "@/server/http/csv";
import { REPORT_COLUMNS, reportRows } from "@/server/imports/queries";
import { idFromParam } from "@/server/slug";
import { stringify } from "csv-stringify";
import { Readable } from "node:stream";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: { message: "Sign in to do this." } }, { status: 401 });
  if (!hasRole(user, "editor")) return Response.json({ error: { message: "This needs the editor role or higher." } }, { status: 403 });
  const id = idFromParam((await params).id);
  if (id === null) return Response.json({ error: { message: "No such import." } }, { status: 404 });
  const rows = reportRows(db, user, id);
  // The first row is read before answering, so a missing import is a 404, not a broken download.
  let first: IteratorResult<(string | number | null)[]>;
  try {
    first = await rows.next();
  } catch (caught) {
    if (caught instanceof DomainError) return Response.json({ error: { message: caught.message } }, { status: 404 });
    throw caught;
  }
  const csv = stringify({ header: true, columns: REPORT_COLUMNS, cast: { string: neutralizeCell } });
  void (async () => {
    try {
      if (!first.done) csv.write(first.value.map((v) => v ?? ""));
      for await (const row of rows) if (!csv.write(row.map((v) => v ?? ""))) await new Promise((r) => csv.once("drain", r));
      csv.end();
    } catch (caught) {
      csv.destroy(caught as Error);
    }
  })();
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="dossier-import-${id}-report.csv"` },
  });
}
