// CSV export of the audit log, with the page's filters. Admins only, checked here on the server.
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { auditEventsCsv, auditFilterSchema } from "@/server/audit/queries";
import { db } from "@/server/db";

export async function GET(req: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: { message: "Sign in to do this." } }, { status: 401 });
  if (!hasRole(user, "admin")) return Response.json({ error: { message: "This needs the admin role." } }, { status: 403 });
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const filter = auditFilterSchema.safeParse(Object.fromEntries(Object.entries(params).filter(([k, v]) => v !== "" && k !== "page" && k !== "pageSize")));
  if (!filter.success) return Response.json({ error: { message: filter.error.issues[0]?.message ?? "Bad filter" } }, { status: 400 });
  const csv = await auditEventsCsv(db, filter.data);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dossier-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
}
