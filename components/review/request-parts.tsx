// Pieces shared by the author's and the reviewer's views of a change request.
import { age } from "@/components/ui/age";
import { StateBadge } from "@/components/ui/state-badge";
import { Comments } from "./comments";
import { CommentForm } from "./request-actions";

interface RequestSummary {
  id: number;
  state: string;
  reason: string | null;
  submittedAt: Date | null;
  author: { name: string };
  reviewer: { name: string } | null;
  comments: { id: number; body: string; createdAt: Date; author: { name: string } | null }[];
}

/** "pending · #12 by Emil Editor · waiting 3 h", then whatever the page adds. */
export function RequestByline({ request, children }: { request: RequestSummary; children?: React.ReactNode }) {
  return (
    <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
      <StateBadge state={request.state} />
      <span>#{request.id} by <strong className="text-ink">{request.author.name}</strong></span>
      {request.submittedAt && request.state === "pending" && <span>waiting {age(request.submittedAt)}</span>}
      {children}
    </p>
  );
}

/** What the author needs to know first: submitted, approved at once, rejected or sent back. */
export function AuthorNotices({ request, submitted }: { request: RequestSummary; submitted: boolean }) {
  return (
    <>
      {submitted && request.state === "pending" && (
        <p role="status" className="mb-6 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">Submitted. A reviewer will look at it; you will see their decision here.</p>
      )}
      {submitted && request.state === "approved" && (
        <p role="status" className="mb-6 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">Published: as a trusted editor, your change was approved on submission.</p>
      )}
      {request.reason && (request.state === "rejected" || request.state === "sent_back") && (
        <div role="note" className="mb-6 rounded border border-orange-300 bg-orange-50 p-4 text-sm">
          <p className="font-medium">{request.state === "rejected" ? "Rejected" : "Sent back for changes"}{request.reviewer && ` by ${request.reviewer.name}`}</p>
          <p className="mt-1 whitespace-pre-wrap">{request.reason}</p>
        </div>
      )}
    </>
  );
}

export function CommentsSection({ request, large = false }: { request: RequestSummary; large?: boolean }) {
  return (
    <section aria-labelledby="comments-heading" className={large ? "mt-10" : ""}>
      <h2 id="comments-heading" className={`font-serif font-semibold ${large ? "text-2xl" : "text-xl"}`}>Comments</h2>
      <div className="mt-3"><Comments comments={request.comments} /></div>
      {request.state !== "withdrawn" && <CommentForm id={request.id} />}
    </section>
  );
}
