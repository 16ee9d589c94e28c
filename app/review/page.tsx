import type { Metadata } from "next";
import { age } from "@/components/ui/age";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function ReviewPage() {
  await requireRole("reviewer", "/review");
  const queue = await (await getApi()).changeRequests.queue();
  return (
    <div>
      <PageHeading eyebrow="Review" title="Review queue">
        <p className="mt-3 text-muted" role="status">
          {queue.backlog} pending{queue.oldestSubmittedAt && <> · oldest waiting {age(queue.oldestSubmittedAt)}</>}
        </p>
      </PageHeading>
      {queue.requests.length === 0 ? (
        <p className="rounded border border-dashed border-rule bg-white p-6 text-muted">Nothing is waiting for review.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-rule text-muted">
            <tr><th className="py-2">#</th><th>Document</th><th>Author</th><th>Waiting</th></tr>
          </thead>
          <tbody className="divide-y divide-rule">
            {queue.requests.map((r) => (
              <tr key={r.id}>
                <td className="py-2">{r.id}</td>
                <td>{r.title}</td>
                <td>{r.author.name}</td>
                <td>{r.submittedAt ? age(r.submittedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
