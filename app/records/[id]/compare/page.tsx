import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/review/diff-view";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { idFromParam } from "@/server/slug";

export const metadata: Metadata = { title: "Compare revisions" };
export const dynamic = "force-dynamic";

export default async function ComparePage({ params, searchParams }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  const query = await searchParams;
  const number = (v: unknown) => (typeof v === "string" && /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : null);
  const [from, to] = [number(query.from), number(query.to)];
  if (!id || !from || !to) notFound();
  const compare = await nullIfNotFound((await getApi()).records.compare({ id, from: Math.min(from, to), to: Math.max(from, to) }));
  if (!compare) notFound();
  return (
    <div className="max-w-4xl">
      <PageHeading eyebrow="Compare revisions" title={compare.title}>
        <p className="mt-3 text-muted">
          From <Link href={`/records/${id}/revisions/${compare.from.number}`}>revision {compare.from.number}</Link> ({compare.from.author}) to{" "}
          <Link href={`/records/${id}/revisions/${compare.to.number}`}>revision {compare.to.number}</Link> ({compare.to.author}).{" "}
          <Link href={`/records/${id}/history`}>All revisions</Link>
        </p>
      </PageHeading>
      <DiffView diff={compare.diff} empty="These revisions have the same content." />
    </div>
  );
}
