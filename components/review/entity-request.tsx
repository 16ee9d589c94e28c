// An entity proposal (new authority record or an edit of one), for its author and for reviewers.
import Link from "@/components/ui/link";
import type { ChangeRequestDetail } from "@/server/review/queries";
import { entityPath } from "@/server/slug";
import { DiffView } from "./diff-view";

type EntityDetail = Extract<ChangeRequestDetail, { subject: "entity" }>;

export function EntityRequestView({ request }: { request: EntityDetail }) {
  return (
    <section aria-labelledby="changes-heading" className="space-y-4">
      <h2 id="changes-heading" className="font-serif text-2xl font-semibold">
        {request.kind === "entity_create" ? "Proposed authority record" : "Changes to the authority record"}
      </h2>
      {request.entity && (
        <p className="text-sm">
          <Link href={entityPath({ id: request.entity.id, name: request.entity.name })}>Current page of {request.entity.name}</Link>
        </p>
      )}
      {request.entityChangedSince && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          The entity was changed since this proposal was made; approving it is refused. Send it back so that its author starts from the current version.
        </p>
      )}
      {request.message && <p className="text-sm"><span className="text-muted">Message:</span> {request.message}</p>}
      <DiffView diff={request.diff} />
    </section>
  );
}
