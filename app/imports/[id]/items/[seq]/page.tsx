import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS } from "@/components/imports/labels";
import { DiffView } from "@/components/review/diff-view";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { idFromParam } from "@/server/slug";

export const metadata: Metadata = { title: "Imported record" };
export const dynamic = "force-dynamic";

export default async function ImportItemPage({ params }: PageProps<{ id: string; seq: string }>) {
  const raw = await params;
  const id = idFromParam(raw.id);
  const seq = idFromParam(raw.seq);
  if (!id || !seq) notFound();
  await requireRole("editor", `/imports/${id}/items/${seq}`);
  const item = await nullIfNotFound((await getApi()).imports.item({ id, seq }));
  if (!item) notFound();
  return (
    <div className="max-w-4xl">
      <PageHeading eyebrow={`Import ${id} · ${item.location}`} title={item.title}>
        <p className="mt-2 text-sm text-muted">
          {ITEM_ACTION_LABELS[item.action]}
          {item.recordId && <> of <Link href={`/records/${item.recordId}`}>record {item.recordId}</Link></>}
          {" · "}{ITEM_STATE_LABELS[item.state]}
          {item.key && ` · identifier ${item.key}`}
        </p>
        <p className="mt-2 text-sm"><Link href={`/imports/${id}`}>← Back to the import</Link></p>
      </PageHeading>
      {item.problems.length > 0 && (
        <ul className="mb-6 space-y-1 rounded border border-rule bg-white p-4 text-sm">
          {item.problems.map((p, i) => (
            <li key={i} className={p.level === "error" ? "text-seal" : "text-amber-900"}>
              <span className="font-medium">{p.level === "error" ? "Error" : "Warning"}{p.field ? ` (${p.field})` : ""}:</span> {p.message}
            </li>
          ))}
        </ul>
      )}
      {item.diff ? (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="mb-3 font-serif text-2xl font-semibold">{item.action === "update" ? "What it changes" : "What it contains"}</h2>
          <DiffView diff={item.diff} empty="It changes nothing in the record." />
        </section>
      ) : (
        <p className="rounded border border-dashed border-rule bg-white p-4 text-muted">This row is not imported: fix the problems above in the file and check it again.</p>
      )}
    </div>
  );
}
