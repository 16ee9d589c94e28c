import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound, redirect } from "next/navigation";
import { DecisionPanel } from "@/components/review/decision-panel";
import { changeSize, DiffView } from "@/components/review/diff-view";
import { EntityRequestView } from "@/components/review/entity-request";
import { CommentsSection, RequestByline } from "@/components/review/request-parts";
import type { PageProps } from "@/components/ui/list-params";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi, nullIfNotFound } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";
import { idFromParam, recordPath } from "@/server/slug";

export const metadata: Metadata = { title: "Review a change" };
export const dynamic = "force-dynamic";

export default async function ReviewRequestPage({ params }: PageProps<{ id: string }>) {
  const id = idFromParam((await params).id);
  if (!id) notFound();
  const user = await requireRole("reviewer", `/review/${id}`);
  const api = await getApi();
  const [request, queue, account] = await Promise.all([nullIfNotFound(api.changeRequests.byId({ id })), api.changeRequests.queue({ page: 1, pageSize: 100 }), api.account.overview()]);
  const shortcuts = account.preferences.reviewShortcuts;
  if (!request) notFound();
  // An import is read and decided on its own page.
  if (request.subject === "import") redirect(`/imports/${request.importId}`);
  const position = queue.requests.findIndex((r) => r.id === id);
  const next = queue.requests.find((r, i) => i > position && r.id !== id) ?? null;
  const title = request.title;
  const own = request.author.id === user.id && !user.trusted;
  const blocked = own ? "This is your own request: another reviewer must decide it." : null;
  if (request.subject === "entity") {
    return (
      <div>
        <PageHeading eyebrow={`Review · ${request.kind === "entity_create" ? "new authority record" : request.kind === "entity_merge" ? "merge" : "authority record edit"}`} title={title}>
          <RequestByline request={request}>
            <span>{queue.backlog} pending in the queue</span>
          </RequestByline>
        </PageHeading>
        <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
          <div className="min-w-0"><EntityRequestView request={request} /></div>
          <aside className="space-y-6">
            {request.state === "pending" && (
              <DecisionPanel id={request.id} version={request.version} blocked={blocked} currentRevisionId={null} conflicts={[]} nextId={next?.id ?? null} shortcuts={shortcuts} />
            )}
            <CommentsSection request={request} />
          </aside>
        </div>
      </div>
    );
  }
  const rebase = request.rebase;
  const conflicted = !!rebase && rebase.conflicts.length > 0;

  return (
    <div>
      <PageHeading eyebrow={`Review · ${request.kind === "record_create" ? "new record" : "edit"}`} title={title}>
        <RequestByline request={request}>
          <span>{changeSize({ fields: request.diff.fieldsChanged, wordsAdded: request.diff.wordsAdded, wordsRemoved: request.diff.wordsRemoved })}</span>
          {request.record && request.record.status === "published" && <Link href={recordPath({ id: request.record.id, title })}>Current public record</Link>}
          <span>{queue.backlog} pending in the queue</span>
        </RequestByline>
        {request.message && <p className="mt-3 rounded bg-stone-100 p-3 text-sm"><span className="text-muted">Author’s note:</span> {request.message}</p>}
      </PageHeading>

      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          {rebase && (
            <p role="note" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm">
              The record has changed since this request started (from revision {request.baseRevisionNumber}).{" "}
              {rebase.merged.length + rebase.currentChanges.length > 0 && "Changes on both sides were merged field by field"}
              {rebase.merged.length > 0 && <> (text merged paragraph by paragraph in: {rebase.merged.join(", ")})</>}
              {rebase.conflicts.length === 0 ? ". Nothing conflicts." : `; ${rebase.conflicts.length} need${rebase.conflicts.length === 1 ? "s" : ""} your choice.`}
            </p>
          )}
          <section aria-labelledby="diff-heading">
            <h2 id="diff-heading" className="mb-3 font-serif text-2xl font-semibold">
              {request.kind === "record_create" ? "Proposed record" : `Changes against revision ${request.baseRevisionNumber ?? "—"}`}
            </h2>
            <DiffView diff={request.diff} />
          </section>
          {rebase && rebase.conflicts.length === 0 && (
            <section aria-labelledby="merged-heading">
              <h2 id="merged-heading" className="mb-3 font-serif text-xl font-semibold">What approving publishes, against the current revision</h2>
              <DiffView diff={rebase.diff} empty="Approving changes nothing: the record already has these changes." />
            </section>
          )}
        </div>
        <aside className="space-y-6">
          {request.state === "pending" && conflicted ? (
            <p className="rounded border border-amber-400 bg-amber-50 p-4 text-sm">
              <a href="#conflicts-heading">Resolve the conflicts below</a> to approve, or send the request back or reject it there.
            </p>
          ) : request.state === "pending" ? (
            <DecisionPanel
              id={request.id}
              version={request.version}
              blocked={blocked}
              currentRevisionId={rebase?.currentRevisionId ?? null}
              conflicts={[]}
              nextId={next?.id ?? null}
              shortcuts={shortcuts}
            />
          ) : (
            <p className="rounded border border-rule bg-white p-4 text-sm">
              This request {request.state === "withdrawn" ? "was withdrawn by its author" : `is ${request.state.replace("_", " ")}`}
              {request.reviewer && ` (${request.reviewer.name})`}. <Link href="/review">Back to the queue</Link>
            </p>
          )}
          <CommentsSection request={request} />
        </aside>
      </div>
      {request.state === "pending" && conflicted && rebase && (
        <div className="mt-8">
          <DecisionPanel
            id={request.id}
            version={request.version}
            blocked={blocked}
            currentRevisionId={rebase.currentRevisionId}
            conflicts={rebase.conflicts}
            nextId={next?.id ?? null}
            shortcuts={shortcuts}
          />
        </div>
      )}
    </div>
  );
}
