"use client";
// One import, as it moves: the mapping step (CSV), progress of the background stages with an
// ETA, the dry run's report, and the actions the viewer may take at each stage.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ImportItems } from "./import-items";
import { fileSize, FORMAT_LABELS, ImportStatusBadge, REFERENCE_KIND_LABELS } from "./labels";
import { MappingStep } from "./mapping-step";

const RUNNING = new Set(["validating", "approving", "undoing"]);
const STAGE_WORDS: Record<string, string> = { validating: "Checking the file", approving: "Publishing the records", undoing: "Undoing the import" };

function duration(seconds: number) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function Progress({ status, done, total, eta }: { status: string; done: number; total: number | null; eta: number | null }) {
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="rounded border border-rule bg-white p-4" aria-live="polite">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{STAGE_WORDS[status]}…</span>
        <span className="text-muted">{total ? `${percent}%` : "starting"}{eta !== null ? ` · about ${duration(eta)} left` : ""}</span>
      </div>
      <div role="progressbar" aria-label={STAGE_WORDS[status]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-2 h-2 overflow-hidden rounded bg-stone-200">
        <div className="h-full bg-accent transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-xs text-muted">This runs on the server: you can leave this page and come back.</p>
    </div>
  );
}

function Count({ label, value, tone = "" }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded border border-rule bg-white p-3">
      <dt className="text-xs uppercase tracking-wide text-muted">{label}</dt>
      <dd className={`font-serif text-2xl font-semibold ${tone}`}>{value.toLocaleString("en")}</dd>
    </div>
  );
}

export function ImportView({ id, viewer }: { id: number; viewer: { id: string; role: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.imports.byId.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 1_000 : false),
  });
  const [message, setMessage] = useState("");
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [reason, setReason] = useState("");
  const [leaveOut, setLeaveOut] = useState<Set<number>>(new Set());
  const [confirmUndo, setConfirmUndo] = useState(false);
  // A notice belongs to the status it was given in: once the import moves on, its page says more.
  const [notice, setNotice] = useState<{ text: string; status: string } | null>(null);
  const refresh = async (text?: string, status?: string) => {
    if (text && status) setNotice({ text, status });
    await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
    router.refresh();
  };
  const submit = useMutation(
    trpc.imports.submit.mutationOptions({ onSuccess: (r) => refresh(r.status === "approving" ? "Submitted and approved (you are a trusted editor): publishing now." : "Submitted for review.", r.status) }),
  );
  const discard = useMutation(trpc.imports.discard.mutationOptions({ onSuccess: () => router.push("/imports") }));
  const approve = useMutation(trpc.imports.approve.mutationOptions({ onSuccess: (r) => refresh(`Approved: ${r.items.toLocaleString("en")} records are being published.`, r.status) }));
  const reject = useMutation(trpc.imports.reject.mutationOptions({ onSuccess: (r) => refresh("Rejected; the author sees your reason.", r.status) }));
  const undo = useMutation(trpc.imports.undo.mutationOptions({ onSuccess: () => refresh() }));
  const error = submit.error ?? discard.error ?? approve.error ?? reject.error ?? undo.error;

  const imp = query.data;
  const status = imp?.status;
  // The item list shows each item's state: read it again whenever the import moves on.
  useEffect(() => {
    if (status) void queryClient.invalidateQueries({ queryKey: trpc.imports.items.pathKey() });
  }, [status, queryClient, trpc]);
  if (!imp) return <p className="text-muted">{query.error ? query.error.message : "Loading…"}</p>;
  const mine = imp.author.id === viewer.id;
  const d = imp.dryRun;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-muted">
        <ImportStatusBadge status={imp.status} />
        <span>{FORMAT_LABELS[imp.format]} · {fileSize(imp.fileSize)}</span>
        <span>Uploaded by {imp.author.name}</span>
        <a href={`/imports/${imp.id}/report`} download className={d ? "" : "hidden"}>Download the report (CSV)</a>
      </div>
      {notice?.status === imp.status && <p role="status" className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{notice.text}</p>}
      {error && <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-seal">{error.message}</p>}
      {imp.uploadedBefore.length > 0 && (
        <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          This exact file was uploaded before:{" "}
          {imp.uploadedBefore.map((u, i) => (
            <span key={u.id}>{i > 0 && ", "}<Link href={`/imports/${u.id}`}>import {u.id}</Link></span>
          ))}
          . Rows it already imported are matched by their identifiers and show as “No change”.
        </p>
      )}

      {RUNNING.has(imp.status) && <Progress status={imp.status} done={imp.progressDone} total={imp.progressTotal} eta={imp.etaSeconds} />}
      {imp.error && !RUNNING.has(imp.status) && imp.status === "failed" && (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-4">
          <p className="font-medium text-seal">The file could not be read, so nothing was checked or stored.</p>
          <p className="mt-1 text-sm">{imp.error}</p>
          <p className="mt-2 text-sm">Fix the file and <Link href="/imports">upload it again</Link>{imp.format === "csv" ? ", or change the mapping below" : ""}.</p>
        </div>
      )}
      {imp.error && RUNNING.has(imp.status) && <p role="alert" className="text-sm text-seal">{imp.error}</p>}

      {mine && imp.format === "csv" && (imp.status === "uploaded" || imp.status === "failed" || imp.status === "validated") && (
        <MappingStep id={imp.id} open={imp.status !== "validated"} onChecked={() => refresh("Checking the file…")} />
      )}

      {d && (
        <section aria-labelledby="report-heading" className="space-y-4">
          <h2 id="report-heading" className="font-serif text-2xl font-semibold">{imp.published ? "What this file did" : "What this file would do"}</h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Count label="Rows read" value={d.rows} />
            <Count label="New records" value={d.create} tone="text-emerald-800" />
            <Count label="Updated records" value={d.update} tone="text-sky-800" />
            <Count label="No change" value={d.unchanged} />
            <Count label="Rows with errors" value={d.withErrors} tone={d.withErrors ? "text-seal" : ""} />
            <Count label="Rows with warnings" value={d.withWarnings} tone={d.withWarnings ? "text-amber-800" : ""} />
            <Count label="Likely duplicates" value={d.likelyDuplicates} />
            <Count label="New people, places…" value={d.entities.created + d.collections.created} />
          </dl>
          {imp.published && (
            <p className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950">
              Published {imp.published.published.toLocaleString("en")} records.
              {imp.published.conflicts > 0 && ` ${imp.published.conflicts} records had changed in the same fields since the check: each became a change request of its own in the review queue.`}
            </p>
          )}
          {imp.undo && (
            <p className="rounded border border-stone-300 bg-stone-50 p-3 text-sm">
              Undone: {imp.undo.withdrawn} created records withdrawn, {imp.undo.reverted} updated records restored, {imp.undo.entitiesRemoved + imp.undo.collectionsRemoved} entities and collections removed.
              {imp.undo.kept > 0 && ` ${imp.undo.kept} records were edited after the import and were left as they are: listed under “Kept”, for you to decide.`}
            </p>
          )}
          {imp.references.length > 0 && (
            <details className="rounded border border-rule bg-white p-4">
              <summary className="cursor-pointer font-medium">People, places, subjects and collections ({imp.references.length.toLocaleString("en")}{imp.references.length === 200 ? "+" : ""})</summary>
              <ul className="mt-3 divide-y divide-rule text-sm">
                {imp.references.map((r) => (
                  <li key={r.key} className="flex flex-wrap justify-between gap-2 py-1.5">
                    <span>
                      <span className="text-muted">{REFERENCE_KIND_LABELS[r.kind]}:</span> {r.label}
                      {r.matchedAs && <span className="text-muted"> (matched as “{r.matchedAs}”)</span>}
                      {r.coordinates && <span className="text-muted"> · at {r.coordinates}</span>}
                      {r.ambiguous && <span className="ml-1 text-amber-800">· more than one match: check it</span>}
                    </span>
                    <span className="text-muted">
                      {r.matchedId !== null ? (r.kind === "collection" ? "existing" : <Link href={`/entities/${r.matchedId}`}>existing</Link>) : r.createdId !== null ? "created" : "new: created on approval"}
                      {" · "}{r.uses} use{r.uses === 1 ? "" : "s"}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <ImportItems id={imp.id} selectable={imp.canDecide} leaveOut={leaveOut} onLeaveOut={setLeaveOut} />
        </section>
      )}

      {mine && imp.status === "validated" && d && (
        <section aria-labelledby="submit-heading" className="space-y-3 rounded border border-rule bg-white p-4">
          <h2 id="submit-heading" className="font-serif text-xl font-semibold">Submit for review</h2>
          <p className="text-sm text-muted">
            {d.create + d.update > 0
              ? `${d.create.toLocaleString("en")} new and ${d.update.toLocaleString("en")} updated records go to a reviewer as one change set.${d.withErrors ? ` ${d.withErrors === 1 ? "The row with errors is" : `The ${d.withErrors} rows with errors are`} skipped.` : ""}`
              : "Nothing in this file would change the archive."}
          </p>
          <label htmlFor="import-message" className="block text-sm font-medium">What this import is and where it comes from</label>
          <textarea id="import-message" value={message} onChange={(e) => setMessage(e.target.value)} rows={3} className="w-full rounded border border-rule p-2 text-sm" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
            All or nothing: refuse the import if any row has an error
          </label>
          <div className="flex flex-wrap gap-3">
            <button type="button" disabled={submit.isPending || d.create + d.update === 0} onClick={() => submit.mutate({ id: imp.id, message, allOrNothing })}
              className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">Submit for review</button>
            <button type="button" disabled={discard.isPending} onClick={() => discard.mutate({ id: imp.id })} className="rounded border border-rule px-4 py-2 text-sm">Discard</button>
          </div>
        </section>
      )}
      {mine && (imp.status === "uploaded" || imp.status === "failed") && (
        <button type="button" disabled={discard.isPending} onClick={() => discard.mutate({ id: imp.id })} className="rounded border border-rule px-4 py-2 text-sm">Discard this upload</button>
      )}

      {imp.status === "submitted" && !imp.canDecide && (
        <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">Waiting for a reviewer. {mine && "You will see their decision here and on your desk."}</p>
      )}
      {imp.canDecide && imp.changeRequest && (
        <section aria-labelledby="decide-heading" className="space-y-3 rounded border border-rule bg-white p-4">
          <h2 id="decide-heading" className="font-serif text-xl font-semibold">Decide</h2>
          {mine && viewer.role !== "admin" ? (
            <p className="text-sm text-muted">This is your own import: another reviewer must decide it.</p>
          ) : (
            <>
              <p className="text-sm text-muted">
                Approving publishes the records in batches; search catches up as they are published.
                {leaveOut.size > 0 && ` ${leaveOut.size} item${leaveOut.size === 1 ? "" : "s"} you ticked in the list will be left out.`}
              </p>
              <button type="button" disabled={approve.isPending} onClick={() => approve.mutate({ id: imp.id, expectedVersion: imp.changeRequest!.version, leaveOut: [...leaveOut] })}
                className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
                {leaveOut.size ? `Approve all but ${leaveOut.size}` : "Approve all"}
              </button>
              <div className="space-y-2 border-t border-rule pt-3">
                <label htmlFor="reject-reason" className="block text-sm font-medium">Or reject it, saying why</label>
                <textarea id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} className="w-full rounded border border-rule p-2 text-sm" />
                <button type="button" disabled={reject.isPending || !reason.trim()} onClick={() => reject.mutate({ id: imp.id, expectedVersion: imp.changeRequest!.version, reason })}
                  className="rounded border border-seal px-4 py-2 text-sm text-seal disabled:opacity-50">Reject</button>
              </div>
            </>
          )}
        </section>
      )}
      {imp.status === "rejected" && imp.changeRequest?.reason && (
        <p className="rounded border border-red-200 bg-red-50 p-3 text-sm">Rejected by {imp.changeRequest.reviewer?.name ?? "a reviewer"}: “{imp.changeRequest.reason}”</p>
      )}
      {imp.canUndo && (
        <section aria-labelledby="undo-heading" className="space-y-2 rounded border border-rule bg-white p-4">
          <h2 id="undo-heading" className="font-serif text-xl font-semibold">Undo this import</h2>
          <p className="text-sm text-muted">
            Records it created are withdrawn; records it updated get their earlier content back, unless someone edited them since (those are listed for you);
            people, places and collections it created are removed if nothing else uses them. An undo cannot itself be undone.
          </p>
          {confirmUndo ? (
            <div className="flex flex-wrap gap-3">
              <button type="button" disabled={undo.isPending} onClick={() => undo.mutate({ id: imp.id })} className="rounded bg-seal px-4 py-2 text-sm font-medium text-white disabled:opacity-50">Yes, undo the whole import</button>
              <button type="button" onClick={() => setConfirmUndo(false)} className="rounded border border-rule px-4 py-2 text-sm">Keep it</button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirmUndo(true)} className="rounded border border-seal px-4 py-2 text-sm text-seal">Undo import…</button>
          )}
        </section>
      )}
    </div>
  );
}
