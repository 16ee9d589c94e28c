import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { RecordEditor } from "@/components/records/record-editor";
import { DiffView } from "@/components/review/diff-view";
import { EntityRequestView } from "@/components/review/entity-request";
import { RebasePanel } from "@/components/review/rebase-panel";
import { WithdrawRequest } from "@/components/review/request-actions";
import { AuthorNotices, CommentsSection, RequestByline } from "@/components/review/request-parts";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { StateBadge } from "@/components/ui/state-badge";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { FIELD_LABELS } from "@/server/records/content";
import { idFromParam, recordPath } from "@/server/slug";

export const metadata: Metadata = { title: "Change request" };
export const dynamic = "force-dynamic";

export default async function MyRequestPage({ params, searchParams }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  const user = await requireRole("editor", `/desk/requests/${id}`);
  const api = await getApi();
  const request = await nullIfNotFound(api.changeRequests.byId({ id }));
  if (!request) notFound();
  // An import is read and decided on its own page.
  if (request.subject === "import") redirect(`/imports/${request.importId}`);
  const mine = request.author.id === user.id;
  const submitted = (await searchParams).submitted === "1";
  if (request.subject === "entity") {
    return (
      <div className="max-w-3xl">
        <PageHeading eyebrow={request.kind === "entity_create" ? "New authority record" : request.kind === "entity_merge" ? "Merge of authority records" : "Edit of an authority record"} title={request.title}>
          <RequestByline request={request} />
        </PageHeading>
        <AuthorNotices request={request} submitted={submitted} />
        <EntityRequestView request={request} />
        {mine && ["pending", "sent_back"].includes(request.state) && <div className="mt-4"><WithdrawRequest id={request.id} version={request.version} /></div>}
        <CommentsSection request={request} large />
      </div>
    );
  }
  const editable = mine && (request.state === "draft" || request.state === "sent_back");
  const title = request.proposed.title.trim() || "Untitled record";

  return (
    <div className="max-w-3xl">
      <PageHeading eyebrow={request.kind === "record_create" ? "New record" : "Edit of a record"} title={title}>
        <p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-muted">
          <StateBadge state={request.state} />
          <span>Request #{request.id} by {request.author.name}</span>
          {request.record && request.record.status !== "draft" && (
            <Link href={recordPath({ id: request.record.id, title })}>View the record</Link>
          )}
          {request.resultRevisionNumber && <span>Published as revision {request.resultRevisionNumber}</span>}
        </p>
      </PageHeading>

      <AuthorNotices request={request} submitted={submitted} />
      {editable && request.rebase && (
        <RebasePanel
          id={request.id}
          version={request.version}
          currentRevisionId={request.rebase.currentRevisionId!}
          currentChanges={request.rebase.currentChanges.map((f) => FIELD_LABELS[f])}
          conflicts={request.rebase.conflicts}
        />
      )}
      {editable ? (
        <RecordEditor
          key={request.version}
          mode={{ kind: "draft", id: request.id, version: request.version, recordId: request.record?.id ?? null, updatedAt: request.updatedAt.toISOString() }}
          initial={request.proposed}
          initialMessage={request.message}
          collections={await api.collections.list()}
          referenceLabels={request.editorLabels}
        />
      ) : null}
      {editable && (
        <div className="mt-4">
          <WithdrawRequest id={request.id} version={request.version} draft />
        </div>
      )}
      {editable ? null : (
        <section aria-labelledby="changes-heading" className="space-y-4">
          <h2 id="changes-heading" className="font-serif text-2xl font-semibold">Changes</h2>
          {request.message && <p className="text-sm"><span className="text-muted">Message:</span> {request.message}</p>}
          <DiffView diff={request.diff} />
          {mine && request.state === "pending" && <WithdrawRequest id={request.id} version={request.version} />}
        </section>
      )}

      <CommentsSection request={request} large />
    </div>
  );
}
