"use client";
// Staff actions on a record: revert to a revision (reviewers, admins), withdraw and restore (admins).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

const buttonClass = "rounded border px-3 py-1.5 text-sm disabled:opacity-50";

export function RevertButton({ recordId, version, toNumber, href }: { recordId: number; version: number; toNumber: number; href: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revert = useMutation(trpc.records.revert.mutationOptions({ onSuccess: () => { router.push(href); router.refresh(); } }));
  return (
    <div>
      <button type="button" disabled={revert.isPending} className={`${buttonClass} border-accent text-accent`}
        onClick={() => {
          if (window.confirm(`Publish the content of revision ${toNumber} again, as a new revision?`)) revert.mutate({ id: recordId, expectedVersion: version, toNumber });
        }}>
        Revert to this revision
      </button>
      {revert.error && <p role="alert" className="mt-2 text-sm text-seal">{revert.error.message}</p>}
    </div>
  );
}

export function WithdrawRecord({ recordId, version }: { recordId: number; version: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const withdraw = useMutation(trpc.records.withdraw.mutationOptions({ onSuccess: () => router.refresh() }));
  if (!open) {
    return <button type="button" onClick={() => setOpen(true)} className={`${buttonClass} border-seal text-seal`}>Withdraw…</button>;
  }
  return (
    <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); withdraw.mutate({ id: recordId, expectedVersion: version, reason }); }}>
      <label htmlFor="withdraw-reason" className="text-sm font-medium">Reason for withdrawal</label>
      <textarea id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000}
        className="block w-full rounded border border-stone-300 px-2 py-1 text-sm" />
      <div className="flex gap-2">
        <button type="submit" disabled={withdraw.isPending || !reason.trim()} className={`${buttonClass} border-seal bg-seal text-white`}>Withdraw from the public archive</button>
        <button type="button" onClick={() => setOpen(false)} className="text-sm">Cancel</button>
      </div>
      {withdraw.error && <p role="alert" className="text-sm text-seal">{withdraw.error.message}</p>}
    </form>
  );
}

export function RestoreRecord({ recordId, version }: { recordId: number; version: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const restore = useMutation(trpc.records.restore.mutationOptions({ onSuccess: () => { router.push(`/records/${recordId}`); router.refresh(); } }));
  return (
    <div>
      <button type="button" onClick={() => restore.mutate({ id: recordId, expectedVersion: version })} disabled={restore.isPending}
        className={`${buttonClass} border-accent text-accent`}>
        Restore to the public archive
      </button>
      {restore.error && <p role="alert" className="mt-2 text-sm text-seal">{restore.error.message}</p>}
    </div>
  );
}
