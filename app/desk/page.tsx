import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { StateBadge } from "@/components/ui/state-badge";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Desk" };
export const dynamic = "force-dynamic";

export default async function DeskPage() {
  const user = await requireRole("editor", "/desk");
  const requests = await (await getApi()).changeRequests.mine();
  return (
    <div>
      <PageHeading eyebrow="Editor's desk" title={`Welcome, ${user.name}`}>
        <p className="mt-3 text-muted">Your proposed changes and their review state.</p>
      </PageHeading>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="font-serif text-2xl font-semibold">Your change requests</h2>
        {requests.length === 0 ? (
          <p className="mt-4 rounded border border-dashed border-rule bg-white p-6 text-muted">
            You have not proposed any changes yet.
          </p>
        ) : (
          <table className="mt-4 w-full text-left text-sm">
            <thead className="border-b border-rule text-muted">
              <tr><th className="py-2">#</th><th>Document</th><th>Kind</th><th>State</th><th>Submitted</th></tr>
            </thead>
            <tbody className="divide-y divide-rule">
              {requests.map((r) => (
                <tr key={r.id}>
                  <td className="py-2">{r.id}</td>
                  <td>{r.title}</td>
                  <td>{r.kind === "record_create" ? "New record" : "Edit"}</td>
                  <td><StateBadge state={r.state} /></td>
                  <td>{r.submittedAt?.toISOString().slice(0, 10) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
