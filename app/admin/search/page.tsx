import type { Metadata } from "next";
import { SyncActions } from "@/components/admin/sync-actions";
import { age, ago } from "@/components/ui/age";
import { PageHeading } from "@/components/ui/page-heading";
import { getApi } from "@/server/api/server-caller";
import { requireRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Search sync" };
export const dynamic = "force-dynamic";

function Stat({ label, value, tone }: { label: string; value: React.ReactNode; tone?: "bad" | "good" }) {
  return (
    <div className="rounded border border-rule bg-white p-4">
      <dt className="text-xs font-semibold uppercase tracking-wider text-muted">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone === "bad" ? "text-seal" : tone === "good" ? "text-emerald-800" : ""}`}>{value}</dd>
    </div>
  );
}

export default async function SearchSyncPage() {
  await requireRole("admin", "/admin/search");
  const status = await (await getApi()).searchAdmin.status();
  const inSync = status.indexed === status.published && status.outbox.pending === 0;
  const reconcile = status.lastReconcile?.payload as { missing?: number; stale?: number; extra?: number } | undefined;
  return (
    <div>
      <PageHeading eyebrow="Admin" title="Search sync">
        <p className="mt-3 text-muted">
          Engine: <strong className="text-ink">{status.engine === "postgres" ? "PostgreSQL full-text search" : "Meilisearch"}</strong>
          {" · "}
          {status.health.ok ? <span className="text-emerald-800">healthy</span> : <span className="text-seal">unreachable{status.health.detail ? `: ${status.health.detail}` : ""}</span>}
        </p>
      </PageHeading>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="Published records" value={status.published} />
        <Stat label="In the index" value={status.indexed ?? "?"} tone={inSync ? "good" : undefined} />
        <Stat label="Outbox pending" value={status.outbox.pending} tone={status.outbox.pending > 0 ? "bad" : "good"} />
        <Stat label="Oldest pending" value={status.outbox.oldestPendingAt ? age(status.outbox.oldestPendingAt) : "none"} />
      </dl>
      <p className="mt-4 text-sm text-muted">
        Last reconcile that repaired drift or that an admin ran (the worker also checks every 10 minutes):{" "}
        {status.lastReconcile
          ? <>{ago(status.lastReconcile.createdAt)}, {reconcile?.missing ?? 0} missing, {reconcile?.stale ?? 0} stale, {reconcile?.extra ?? 0} extra</>
          : "never"}
        {" · "}Last rebuild: {status.lastRebuild ? ago(status.lastRebuild.createdAt) : "never"}
      </p>
      <section aria-labelledby="actions-heading" className="mt-8">
        <h2 id="actions-heading" className="mb-3 font-serif text-2xl font-semibold">Actions</h2>
        <SyncActions failureCount={status.outbox.failureCount} />
      </section>
      <section aria-labelledby="failures-heading" className="mt-10">
        <h2 id="failures-heading" className="font-serif text-2xl font-semibold">Failures</h2>
        {status.outbox.failures.length === 0 ? (
          <p className="mt-3 rounded border border-dashed border-rule bg-white p-6 text-muted">No failed syncs.</p>
        ) : (
          // Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too).
          <div className="overflow-x-auto" role="region" aria-label="Failed syncs" tabIndex={0}>
          <table className="mt-3 w-full text-left text-sm">
            <thead className="border-b border-rule text-muted">
              <tr><th className="py-2">Row</th><th>Subject</th><th>Attempts</th><th>Next try</th><th>Error</th></tr>
            </thead>
            <tbody className="divide-y divide-rule">
              {status.outbox.failures.map((f) => (
                <tr key={f.id} className="align-top">
                  <td className="py-2">{f.id}</td>
                  <td>{f.recordId ? `record ${f.recordId}` : `entity ${f.entityId}`}</td>
                  <td>{f.attempts}</td>
                  <td>{f.availableAt.toISOString().slice(11, 19)}</td>
                  <td className="max-w-md break-words font-mono text-xs">{f.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </div>
  );
}
