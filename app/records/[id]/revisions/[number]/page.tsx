import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { cache, Fragment } from "react";
import { CiteBox } from "@/components/records/cite-box";
import { RevertButton } from "@/components/islands";
import { byEntityType, CREDIT_LABELS, DOCUMENT_TYPE_LABELS, ENTITY_TYPE_LABELS, languageLabel, ROLE_LABELS } from "@/components/records/labels";
import { CopyButton } from "@/components/ui/copy-button";
import type { PageProps } from "@/components/ui/list-params";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { renderMarkdown } from "@/server/records/markdown";
import { env } from "@/server/env";
import { LINK_LABELS } from "@/server/records/links";
import { collectionPath, entityPath, idFromParam, recordPath } from "@/server/slug";
import { DateAsWritten, DateText } from "@/components/ui/date-text";

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
  const { id, record, revision, content, references } = await load(p.id, p.number);
  const permalink = new URL(`/records/${id}/revisions/${revision.number}`, env.APP_URL).toString();
  const groups = byEntityType(references.mentions);
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
      <p className="text-sm font-medium uppercase tracking-wider text-seal">{DOCUMENT_TYPE_LABELS[content.documentType]} · <DateText written={content.dateText} /></p>
      <h1 className="mt-2 font-serif text-3xl font-semibold leading-tight">{content.title}</h1>
      <p className="mt-6 font-serif text-xl leading-relaxed">{content.summary}</p>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-2 rounded border border-rule bg-white p-5 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-muted">Date</dt><dd><DateAsWritten written={content.dateText} edtf={revision.dateEdtf} /></dd>
        <dt className="font-medium text-muted">Type</dt><dd>{DOCUMENT_TYPE_LABELS[content.documentType] ?? "Document"}</dd>
        <dt className="font-medium text-muted">Original language</dt><dd>{languageLabel(content.originalLanguage)}</dd>
        {content.textLanguages.length > 0 && <><dt className="font-medium text-muted">Text in</dt><dd>{content.textLanguages.map(languageLabel).join(", ")}</dd></>}
        {content.sourceArchive && <><dt className="font-medium text-muted">Source</dt><dd>{content.sourceArchive}</dd></>}
        {content.sourceLocator && <><dt className="font-medium text-muted">Locator</dt><dd>{content.sourceLocator}</dd></>}
        {content.credits.map((c, i) => <Fragment key={i}><dt className="font-medium text-muted">{CREDIT_LABELS[c.role] ?? "Credit"}</dt><dd>{c.name}</dd></Fragment>)}
        {content.rights && <><dt className="font-medium text-muted">Rights</dt><dd>{content.rights}</dd></>}
        {references.collections.length > 0 && (
          <>
            <dt className="font-medium text-muted">{references.collections.length === 1 ? "Collection" : "Collections"}</dt>
            <dd>{references.collections.map((c, i) => <span key={c.id}>{i > 0 && ", "}<Link href={collectionPath(c)}>{c.title}</Link></span>)}</dd>
          </>
        )}
        {groups.map((g) => (
          <Fragment key={g.type}>
            <dt className="font-medium text-muted">{ENTITY_TYPE_LABELS[g.type]!.plural}</dt>
            <dd>
              {g.items.map((m, i) => (
                <span key={`${m.id}-${m.role}`}>
                  {i > 0 && ", "}
                  <Link href={entityPath(m)}>{m.name}</Link>
                  {ROLE_LABELS[m.role] && <span className="text-muted"> ({ROLE_LABELS[m.role]!.toLowerCase()})</span>}
                  {m.asWritten && m.asWritten !== m.name && <span className="text-muted"> as “{m.asWritten}”</span>}
                </span>
              ))}
            </dd>
          </Fragment>
        ))}
        {references.links.length > 0 && (
          <>
            <dt className="font-medium text-muted">Related documents</dt>
            <dd>
              <ul className="space-y-1">
                {references.links.map((l) => (
                  <li key={`${l.type}-${l.recordId}`}>
                    <span className="text-muted">{LINK_LABELS[l.type].outgoing}: </span>
                    <Link href={recordPath({ id: l.recordId, title: l.title })}>{l.title}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {content.fullText && <div className="prose-archive mt-8" dangerouslySetInnerHTML={{ __html: renderMarkdown(content.fullText) }} />}
      {citation?.kind === "found" && <CiteBox citation={citation.citation} />}
      <p className="mt-8 flex flex-wrap items-center gap-2 text-xs text-muted" data-print="permalink">
        <span>Permanent link to this revision:</span>
        <a href={permalink} className="break-all font-mono">{permalink}</a>
        <CopyButton text={permalink} label="Copy the permanent link" />
      </p>
      {hasRole(user, "reviewer") && !isCurrent && record.status === "published" && (
        <div className="mt-6"><RevertButton recordId={id} version={record.version} toNumber={revision.number} href={`/records/${id}/history`} /></div>
      )}
    </article>
  );
}
