import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { idFromParam, recordPath } from "@/server/slug";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<{ id: string }>): Promise<Metadata> {
  return { title: `History of record ${(await params).id}` };
}

export default async function HistoryPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  const history = await nullIfNotFound((await getApi()).records.history({ id }));
  if (!history) notFound();
  const { record, revisions } = history;
  return (
    <div className="max-w-4xl">
      <PageHeading eyebrow="History" title={record.title}>
        <p className="mt-3 text-muted">
          Every approved revision of this record. Each has a permanent link for citations.{" "}
          <Link href={recordPath({ id, title: record.title })}>Back to the record</Link>
        </p>
      </PageHeading>
      <form action={`/records/${id}/compare`} className="space-y-4">
        {/* Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too). */}
        <div className="overflow-x-auto" role="region" aria-label="Revisions" tabIndex={0}>
        <table className="w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
          <thead className="border-b border-rule text-muted">
            <tr>
              <th className="w-12 py-2">From</th><th className="w-12">To</th><th>Revision</th><th>By</th><th>Approved by</th><th>Date</th><th>Message</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-rule">
            {revisions.map((r, i) => (
              <tr key={r.id} className="align-top">
                <td className="py-2"><input type="radio" name="from" value={r.number} defaultChecked={i === 1 || (revisions.length === 1 && i === 0)} aria-label={`Compare from revision ${r.number}`} /></td>
                <td className="py-2"><input type="radio" name="to" value={r.number} defaultChecked={i === 0} aria-label={`Compare to revision ${r.number}`} /></td>
                <td className="py-2">
                  <Link href={`/records/${id}/revisions/${r.number}`}>Revision {r.number}</Link>
                  {r.number === record.currentNumber && <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">current</span>}
                </td>
                <td className="py-2">{r.author}</td>
                <td className="py-2 text-muted">{r.approvedBy ?? "—"}</td>
                <td className="py-2 whitespace-nowrap"><time dateTime={r.createdAt.toISOString()}>{r.createdAt.toISOString().slice(0, 16).replace("T", " ")}</time></td>
                <td className="py-2">{r.message || <span className="text-muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {revisions.length > 1 && <button type="submit" className="rounded border border-accent px-3 py-1.5 text-sm text-accent">Compare selected revisions</button>}
      </form>
    </div>
  );
}
