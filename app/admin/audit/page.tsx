import type { Metadata } from "next";
import Link from "@/components/ui/link";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { getApi } from "@/server/api/server-caller";
import { AUDIT_ACTIONS } from "@/server/audit/audit";
import { AUDIT_ACTION_LABELS, detailsOf, SUBJECT_TYPES, subjectHref, subjectLabel } from "@/server/audit/labels";
import { auditFilterSchema } from "@/server/audit/queries";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const FIELDS = ["actor", "action", "subjectType", "subjectId", "from", "to"] as const;

export default async function AuditPage({ searchParams }: PageProps<object>) {
  await requireRole("admin", "/admin/audit");
  const query = await searchParams;
  const values = Object.fromEntries(FIELDS.map((f) => [f, typeof query[f] === "string" ? (query[f] as string) : ""])) as Record<(typeof FIELDS)[number], string>;
  const pageNumber = Number(typeof query.page === "string" ? query.page : 1);
  // Forgiving: a filter that does not parse is dropped, not an error page.
  const parsed = auditFilterSchema.safeParse({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v)), page: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1 });
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const log = await (await getApi()).audit.list(filter);
  const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
  const href = (page: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page) })}`;
  const input = "rounded border border-stone-300 bg-white px-2 py-1.5";

  return (
    <div>
      <PageHeading eyebrow="Admin" title="Audit log">
        <p className="mt-3 text-muted">Every security-relevant event: sign-ins, role changes, approvals, merges, withdrawals, rebuilds.</p>
      </PageHeading>
      <form action="/admin/audit" className="mb-6 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1"><span className="font-medium">Actor</span><input name="actor" defaultValue={values.actor} placeholder="email or name" className={input} /></label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Action</span>
          <select name="action" defaultValue={values.action} className={input}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{AUDIT_ACTION_LABELS[a]}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Subject</span>
          <select name="subjectType" defaultValue={values.subjectType} className={input}>
            <option value="">Any</option>
            {SUBJECT_TYPES.map((t) => <option key={t} value={t}>{subjectLabel(t)}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1"><span className="font-medium">Subject id</span><input name="subjectId" defaultValue={values.subjectId} className={`${input} w-28`} /></label>
        <label className="flex flex-col gap-1"><span className="font-medium">From</span><input type="date" name="from" defaultValue={values.from} className={input} /></label>
        <label className="flex flex-col gap-1"><span className="font-medium">To</span><input type="date" name="to" defaultValue={values.to} className={input} /></label>
        <button type="submit" className="rounded border border-accent px-3 py-1.5 text-accent">Filter</button>
        <a href={`/admin/audit/export?${params}`} className="py-1.5" download>Download CSV</a>
        {!parsed.success && <p role="alert" className="w-full text-seal">A filter was not understood and is ignored: {parsed.error.issues[0]?.message}</p>}
      </form>
      <p role="status" className="mb-2 text-sm text-muted">{log.total} event{log.total === 1 ? "" : "s"}</p>
      {/* Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too). */}
      <div className="overflow-x-auto" role="region" aria-label="Audit events" tabIndex={0}>
      <table className="w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
        <thead className="border-b border-rule text-muted">
          <tr><th className="py-2">Time (UTC)</th><th>Actor</th><th>Action</th><th>Subject</th><th>Details</th></tr>
        </thead>
        <tbody className="divide-y divide-rule">
          {log.events.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="whitespace-nowrap py-2">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td className="py-2">{e.actor?.email ?? <span className="text-muted">system</span>}</td>
              <td className="py-2">{AUDIT_ACTION_LABELS[e.action as keyof typeof AUDIT_ACTION_LABELS] ?? e.action}</td>
              <td className="py-2">
                {e.subjectType && <Subject type={e.subjectType} id={e.subjectId} name={e.subjectName} />}
              </td>
              <td className="max-w-md py-2 text-xs text-muted">
                {detailsOf(e.payload).map(([label, value], i) => (
                  <span key={i} className="mr-3 inline-block">{label}: <span className="text-ink">{value}</span></span>
                ))}
                {e.ip && <span className="inline-block">IP {e.ip}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <Pagination page={log.page} pageCount={Math.ceil(log.total / log.pageSize)} href={href} />
    </div>
  );
}

/** "Account admin@dossier.test" linking to what it is, with a link to every event about it. */
function Subject({ type, id, name }: { type: string; id: string | null; name: string | null }) {
  const href = id ? subjectHref(type, id, name) : null;
  const label = `${subjectLabel(type)}${id ? ` ${name ?? id}` : ""}`;
  return (
    <span>
      {href ? <Link href={href}>{label}</Link> : label}
      {id && (
        <Link href={`/admin/audit?subjectType=${encodeURIComponent(type)}&subjectId=${encodeURIComponent(id)}`} className="ml-2 text-xs text-muted">
          all events
        </Link>
      )}
    </span>
  );
}
