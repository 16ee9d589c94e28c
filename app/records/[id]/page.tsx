import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { byEntityType, CREDIT_LABELS, DOCUMENT_TYPE_LABELS, ENTITY_TYPE_LABELS, languageLabel, ROLE_LABELS } from "@/components/records/labels";
import type { PageProps } from "@/components/ui/list-params";
import { CiteBox } from "@/components/records/cite-box";
import { CopyButton } from "@/components/ui/copy-button";
import { RestoreRecord, WithdrawRecord } from "@/components/islands";
import { SideSection } from "@/components/ui/side-section";
import { hasRole } from "@/server/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { renderMarkdown } from "@/server/records/markdown";
import { getApi } from "@/server/api/server-caller";
import type { Citation } from "@/server/citations/cite";
import { jsonLdScript, recordMetadata } from "@/server/citations/metadata";
import { env } from "@/server/env";
import { collectionPath, entityPath, idFromParam, recordPath, safeDecode } from "@/server/slug";
import { DateAsWritten, DateText } from "@/components/ui/date-text";

export const dynamic = "force-dynamic";

/** Memoized per request: the metadata and the page share one lookup. */
const load = cache(async (param: string) => {
  const id = idFromParam(param);
  if (!id) notFound();
  const lookup = await (await getApi()).records.byId({ id });
  if (lookup.kind === "missing") notFound();
  return lookup;
});

/** The published revision's citation, shared by the metadata and the cite box. */
const loadCitation = cache(async (id: number) => (await getApi()).records.citation({ id }));

export async function generateMetadata({ params }: PageProps<{ id: string }>): Promise<Metadata> {
  const lookup = await load((await params).id);
  if (lookup.kind !== "published") return { title: "Document withdrawn" };
  const { record } = lookup;
  const title = record.revision.title;
  const citation = lookup.withdrawnAt === undefined ? await loadCitation(record.id) : null;
  if (citation?.kind !== "found") return { title, description: record.revision.summary };
  const { tags, openGraph } = machineMetadata(record, citation.citation);
  return { title, description: record.revision.summary, alternates: { canonical: openGraph.url }, openGraph, other: tags };
}

/** The page's metadata for machines (tags, Open Graph, JSON-LD), with absolute URLs. */
function machineMetadata(record: PublishedRecord, citation: Citation) {
  const absolute = (path: string) => new URL(path, env.APP_URL).toString();
  return recordMetadata(citation, {
    canonicalUrl: absolute(recordPath({ id: record.id, title: record.revision.title })),
    entities: record.entities.map((e) => ({ ...e, url: absolute(entityPath(e)) })),
    collections: record.collections.map((c) => ({ title: c.title, url: absolute(collectionPath(c)) })),
  });
}
type PublishedRecord = Extract<Awaited<ReturnType<typeof load>>, { kind: "published" }>["record"];

export default async function RecordPage({ params }: PageProps<{ id: string }>) {
  const param = (await params).id;
  const lookup = await load(param);
  if (lookup.kind === "withdrawn") {
    return (
      <section className="max-w-2xl">
        <h1 className="font-serif text-3xl font-semibold">This document has been withdrawn</h1>
        <p className="mt-4 text-muted">Document {lookup.id} is no longer part of the public archive. Its record is kept, and it may be restored.</p>
      </section>
    );
  }
  const { record } = lookup;
  const rev = record.revision;
  const user = await getSessionUser();
  // Withdrawn records (seen here by staff) have no citation: nothing public to point at.
  const citation = lookup.withdrawnAt === undefined ? await loadCitation(record.id) : null;
  const canonical = recordPath({ id: record.id, title: rev.title });
  const stableUrl = new URL(`/records/${record.id}`, env.APP_URL).toString();
  if (`/records/${param}` !== canonical && safeDecode(`/records/${param}`) !== canonical) redirect(canonical);

  const groups = byEntityType(record.entities);

  const details: [string, React.ReactNode][] = [
    ["Date", <DateAsWritten key="date" written={rev.dateText} edtf={rev.dateEdtf} />],
    ["Type", DOCUMENT_TYPE_LABELS[rev.documentType] ?? rev.documentType],
    ["Original language", languageLabel(rev.originalLanguage)],
  ];
  if (rev.sourceArchive) details.push(["Source", rev.sourceArchive]);
  if (rev.sourceLocator) details.push(["Locator", rev.sourceLocator]);
  for (const credit of record.credits) details.push([CREDIT_LABELS[credit.role] ?? credit.role, credit.name]);
  if (rev.rights) details.push(["Rights", rev.rights]);
  if (record.collections.length)
    details.push([
      record.collections.length === 1 ? "Collection" : "Collections",
      <>{record.collections.map((c, i) => <span key={c.id}>{i > 0 && ", "}<Link href={collectionPath(c)}>{c.title}</Link></span>)}</>,
    ]);

  return (
    <article className="grid gap-10 lg:grid-cols-[1fr_17rem]">
      <div>
        {lookup.withdrawnAt !== undefined && (
          <div role="status" className="mb-6 rounded border border-seal/40 bg-seal/5 p-4 text-sm">
            <p className="font-semibold text-seal">
              Withdrawn{lookup.withdrawnAt && <> on <time dateTime={lookup.withdrawnAt.toISOString()}>{lookup.withdrawnAt.toISOString().slice(0, 10)}</time></>}: not part of the public archive.
            </p>
            <p className="mt-1 text-muted">Readers get &ldquo;410 Gone&rdquo; here; reviewers and admins see the record to decide whether to restore it.</p>
            {hasRole(user, "admin") && <div className="mt-3"><RestoreRecord recordId={record.id} version={record.version} /></div>}
          </div>
        )}
        <header className="border-b border-rule pb-6">
          <p className="text-sm font-medium uppercase tracking-wider text-seal">
            {DOCUMENT_TYPE_LABELS[rev.documentType] ?? "Document"} · <DateText written={rev.dateText} />
          </p>
          <h1 className="mt-2 font-serif text-3xl font-semibold leading-tight sm:text-4xl">{rev.title}</h1>
        </header>

        <section aria-labelledby="summary-heading" className="mt-6">
          <h2 id="summary-heading" className="sr-only">Summary</h2>
          <p className="font-serif text-xl leading-relaxed">{rev.summary}</p>
        </section>

        <dl className="mt-8 grid grid-cols-1 gap-x-6 gap-y-3 rounded border border-rule bg-white p-5 text-sm sm:grid-cols-[10rem_1fr]">
          {details.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-muted">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        <section aria-labelledby="text-heading" className="mt-10">
          <h2 id="text-heading" className="font-serif text-2xl font-semibold">Full text</h2>
          {rev.fullText ? (
            // Markdown rendered through markdown-it and sanitize-html (server/records/markdown.ts).
            <div className="prose-archive mt-4" dangerouslySetInnerHTML={{ __html: renderMarkdown(rev.fullText) }} />
          ) : (
            <p className="mt-3 text-muted">No transcript or translation has been added to this record yet.</p>
          )}
        </section>

        {citation?.kind === "found" && (
          <>
            <CiteBox citation={citation.citation} />
            <script
              type="application/ld+json"
              // Data, not code: escaped so no text of the record can close the script element.
              dangerouslySetInnerHTML={{
                __html: jsonLdScript(machineMetadata(record, citation.citation).jsonLd),
              }}
            />
          </>
        )}

        <div className="mt-10 space-y-1 text-xs text-muted" data-print="permalink">
          <p className="flex flex-wrap items-center gap-2">
            <span>Stable link:</span>
            <a href={stableUrl} className="break-all font-mono">{stableUrl}</a>
            <CopyButton text={stableUrl} label="Copy the stable link" />
          </p>
          <p>
            Revision {rev.number}, published {rev.createdAt.toISOString().slice(0, 10)} ·{" "}
            <Link href={`/records/${record.id}/revisions/${rev.number}`}>this revision&rsquo;s permanent link</Link> ·{" "}
            <Link href={`/records/${record.id}/history`}>History</Link>
          </p>
        </div>
      </div>

      <aside className="space-y-8 text-sm">
        {hasRole(user, "editor") && (
          <div className="space-y-3 rounded border border-rule bg-white p-4">
            {lookup.withdrawnAt === undefined && (
              <Link href={`/records/${record.id}/edit`} className="block rounded bg-accent px-3 py-1.5 text-center font-medium text-white no-underline hover:bg-accent-strong hover:text-white">
                Edit this record
              </Link>
            )}
            <Link href={`/records/${record.id}/history`} className="block text-center">History ({rev.number} revision{rev.number === 1 ? "" : "s"})</Link>
            {hasRole(user, "admin") && lookup.withdrawnAt === undefined && <WithdrawRecord recordId={record.id} version={record.version} />}
          </div>
        )}
        {groups.map((group) => (
          <SideSection key={group.type} id={`${group.type}-heading`} title={ENTITY_TYPE_LABELS[group.type]!.plural}>
            <ul className="mt-2 space-y-1.5">
              {group.items.map((e) => (
                <li key={`${e.id}-${e.role}`}>
                  <Link href={entityPath(e)}>{e.name}</Link>
                  {ROLE_LABELS[e.role] && <span className="text-muted"> · {ROLE_LABELS[e.role]}</span>}
                  {e.asWritten && e.asWritten !== e.name && <span className="text-muted"> (as “{e.asWritten}”)</span>}
                </li>
              ))}
            </ul>
          </SideSection>
        ))}
        {record.related.length > 0 && (
          <SideSection id="related-heading" title="Related documents">
            <ul className="mt-2 space-y-3">
              {record.related.map((link) => (
                <li key={`${link.label}-${link.record.id}`}>
                  <span className="block text-xs text-muted">{link.label}</span>
                  <Link href={recordPath(link.record)}>{link.record.title}</Link>
                  <span className="block text-xs text-muted"><DateText written={link.record.dateText} /></span>
                </li>
              ))}
            </ul>
          </SideSection>
        )}
      </aside>
    </article>
  );
}
