import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { changeSize } from "@/components/review/diff-view";
import { REQUEST_KIND_LABELS } from "@/components/review/kind-labels";
import { ago } from "@/components/ui/age";
import { PageHeading } from "@/components/ui/page-heading";
import { StateBadge } from "@/components/ui/state-badge";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Desk" };

export const dynamic = "force-dynamic";

export default async function DeskPage() {
  const user = await requireRole("editor", "/desk");
  const requests = await (await getApi()).changeRequests.mine();
  return (
    <div>
      <PageHeading eyebrow="Editor's desk" title={`Welcome, ${user.name}`}>
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
          <p className="text-muted">Your drafts and proposed changes, and what reviewers decided.</p>
          <div className="flex gap-3">
            <Link href="/imports" className="rounded border border-accent px-4 py-2 text-sm text-accent no-underline">
              Import records
            </Link>
            <Link href="/entities/new" className="rounded border border-accent px-4 py-2 text-sm text-accent no-underline">
              New person, place…
            </Link>
            <Link href="/desk/new" className="rounded bg-accent px-4 py-2 text-sm font-medium text-white no-underline hover:bg-accent-strong hover:text-white">
              New record
            </Link>
          </div>
        </div>
      </PageHeading>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="font-serif text-2xl font-semibold">Your change requests</h2>
        {requests.length === 0 ? (
          <p className="mt-4 rounded border border-dashed border-rule bg-white p-6 text-muted">
            You have not proposed any changes yet. Open a record and choose “Edit”, or start a new record.
          </p>
        ) : (
          // Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too).
          <div className="overflow-x-auto" role="region" aria-label="Your requests" tabIndex={0}>
          <table className="mt-4 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
            <thead className="border-b border-rule text-muted">
              <tr><th className="py-2">#</th><th>Document</th><th>Kind</th><th>State</th><th>Change</th><th>Updated</th></tr>
            </thead>
            <tbody className="divide-y divide-rule">
              {requests.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="py-2">{r.id}</td>
                  <td className="py-2">
                    <Link href={`/desk/requests/${r.id}`}><bdi>{r.title}</bdi></Link>
                    {r.reason && (r.state === "rejected" || r.state === "sent_back") && (
                      <p className="mt-0.5 text-xs text-seal">“<bdi>{r.reason.length > 120 ? `${r.reason.slice(0, 120)}…` : r.reason}</bdi>”</p>
                    )}
                  </td>
                  <td className="py-2">{REQUEST_KIND_LABELS[r.kind] ?? r.kind}</td>
                  <td className="py-2"><StateBadge state={r.state} />{r.comments > 0 && <span className="ml-2 text-xs text-muted">{r.comments} comment{r.comments === 1 ? "" : "s"}</span>}</td>
                  <td className="py-2 text-muted">{r.kind === "import_batch" ? `${r.change.fields.toLocaleString("en")} records` : changeSize(r.change)}</td>
                  <td className="py-2 text-muted">{ago(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </div>
  );
}
