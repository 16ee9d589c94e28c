import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CiteBox } from "@/components/records/cite-box";
import { RevertButton } from "@/components/records/record-actions";
import { DOCUMENT_TYPE_LABELS, languageLabel } from "@/components/records/labels";
import type { PageProps } from "@/components/ui/list-params";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { renderMarkdown } from "@/server/records/markdown";
import { idFromParam } from "@/server/slug";

export const dynamic = "force-dynamic";

const load = cache(async (idParam: string, numberParam: string) => {
  const id = idFromParam(idParam);
  const number = /^\d{1,6}$/.test(numberParam) ? Number(numberParam) : 0;
  if (!id || number < 1) notFound();
  const found = await nullIfNotFound((await getApi()).records.revision({ id, number }));
  if (!found) notFound();
  return { id, ...found };
});

export async function generateMetadata({ params }: PageProps<{ id: string; number: string }>): Promise<Metadata> {
  const { id, number } = await params;
  const found = await load(id, number);
  return { title: `${found.content.title} (revision ${found.revision.number})` };
}

/** A permanent link to one revision, as citations use it. */
export default async function RevisionPage({ params }: PageProps<{ id: string; number: string }>) {
  const p = await params;
  const { id, record, revision, content } = await load(p.id, p.number);
  const user = await getSessionUser();
  const citation = record.status === "published" ? await (await getApi()).records.citation({ id, number: revision.number }) : null;
  const isCurrent = revision.number === record.currentNumber;
  return (
    <article className="max-w-3xl">
      <p role="note" className={`mb-6 rounded border p-3 text-sm ${isCurrent ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}>
        Revision {revision.number} of record {id}, approved {revision.createdAt.toISOString().slice(0, 10)} ({revision.author}
        {revision.message && <>: “{revision.message}”</>}).{" "}
        {isCurrent ? "This is the current revision." : <>The current revision is {record.currentNumber}: <Link href={`/records/${id}`}>read it</Link> or <Link href={`/records/${id}/compare?from=${revision.number}&to=${record.currentNumber}`}>see what changed since</Link>.</>}{" "}
        <Link href={`/records/${id}/history`}>History</Link>
      </p>
      <p className="text-sm font-medium uppercase tracking-wider text-seal">{DOCUMENT_TYPE_LABELS[content.documentType]} · {content.dateText}</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold leading-tight">{content.title}</h1>
      <p className="mt-6 font-serif text-xl leading-relaxed">{content.summary}</p>
      <dl className="mt-6 grid grid-cols-[10rem_1fr] gap-y-2 rounded border border-rule bg-white p-5 text-sm">
        <dt className="text-muted">Date</dt><dd>{content.dateText} <span className="text-muted">(EDTF {revision.dateEdtf})</span></dd>
        <dt className="text-muted">Original language</dt><dd>{languageLabel(content.originalLanguage)}</dd>
        {content.sourceArchive && <><dt className="text-muted">Source</dt><dd>{content.sourceArchive}</dd></>}
        {content.sourceLocator && <><dt className="text-muted">Locator</dt><dd>{content.sourceLocator}</dd></>}
        {content.rights && <><dt className="text-muted">Rights</dt><dd>{content.rights}</dd></>}
      </dl>
      {content.fullText && <div className="prose-archive mt-8" dangerouslySetInnerHTML={{ __html: renderMarkdown(content.fullText) }} />}
      {citation?.kind === "found" && <CiteBox citation={citation.citation} />}
      <p className="mt-8 text-xs text-muted">Permanent link: <Link href={`/records/${id}/revisions/${revision.number}`}>/records/{id}/revisions/{revision.number}</Link></p>
      {hasRole(user, "reviewer") && !isCurrent && record.status === "published" && (
        <div className="mt-6"><RevertButton recordId={id} version={record.version} toNumber={revision.number} href={`/records/${id}/history`} /></div>
      )}
    </article>
  );
}
