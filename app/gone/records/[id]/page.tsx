import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { RestoreRecord } from "@/components/islands";
import type { PageProps } from "@/components/ui/list-params";
import { getApi } from "@/server/api/server-caller";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { idFromParam } from "@/server/slug";
import { DateText } from "@/components/ui/date-text";

export const metadata: Metadata = { title: "Document withdrawn", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Shown (with status 410, see proxy.ts) in place of a withdrawn record's pages. */
export default async function WithdrawnRecordPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  const lookup = await (await getApi()).records.byId({ id });
  if (lookup.kind !== "withdrawn") notFound();
  const user = await getSessionUser();
  return (
    <section className="max-w-2xl">
      <p className="text-sm font-medium uppercase tracking-wider text-seal">410 · Gone</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold">This document has been withdrawn</h1>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-2 rounded border border-rule bg-white p-5 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="font-medium text-muted">Title</dt>
        <dd className="font-serif text-base">{lookup.title}</dd>
        <dt className="font-medium text-muted">Date</dt>
        <dd><DateText written={lookup.dateText} /></dd>
        {lookup.reason && (
          <>
            <dt className="font-medium text-muted">Why</dt>
            <dd>{lookup.reason}</dd>
          </>
        )}
      </dl>
      <p className="mt-4 text-muted">
        Document {lookup.id} is no longer part of the public archive
        {lookup.withdrawnAt && <> (withdrawn on {lookup.withdrawnAt.toISOString().slice(0, 10)})</>}. Its record and history are kept, and it may be
        restored. Citations of it remain valid as references.
      </p>
      <p className="mt-6"><Link href="/search">Search the archive</Link></p>
      {hasRole(user, "admin") && (
        <div className="mt-8 rounded border border-rule bg-white p-4">
          <RestoreRecord recordId={id} version={lookup.version} />
        </div>
      )}
    </section>
  );
}
