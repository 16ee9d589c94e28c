"use client";
// The sync page's actions: retry failures, reconcile now, rebuild with a live progress bar.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

export function SyncActions({ failureCount }: { failureCount: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const status = useQuery({
    ...trpc.searchAdmin.status.queryOptions(),
    refetchInterval: (query) => (query.state.data?.rebuild.state === "running" ? 500 : false),
  });
  const done = (text: string) => {
    setMessage(text);
    router.refresh();
  };
  const retry = useMutation(trpc.searchAdmin.retry.mutationOptions({ onSuccess: (r) => done(`${r.retried} failed row(s) queued for retry.`) }));
  const reconcile = useMutation(
    trpc.searchAdmin.reconcile.mutationOptions({
      onSuccess: (d) => done(`Reconcile: ${d.missing} missing, ${d.stale} stale, ${d.extra} extra; repairs queued.`),
    }),
  );
  const rebuild = useMutation(trpc.searchAdmin.rebuild.mutationOptions({ onSuccess: () => void status.refetch() }));
  const progress = status.data?.rebuild;
  // When a rebuild finishes, refresh the figures rendered on the server.
  useEffect(() => {
    if (progress?.state === "done" || progress?.state === "failed") router.refresh();
  }, [progress?.state, router]);
  const percent = progress && progress.total ? Math.round((progress.indexed / progress.total) * 100) : 0;
  const error = retry.error ?? reconcile.error ?? rebuild.error;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={() => retry.mutate({})} disabled={retry.isPending || failureCount === 0}
          className="rounded border border-accent px-3 py-1.5 text-sm text-accent disabled:opacity-50">
          Retry failed ({failureCount})
        </button>
        <button type="button" onClick={() => reconcile.mutate()} disabled={reconcile.isPending}
          className="rounded border border-accent px-3 py-1.5 text-sm text-accent disabled:opacity-50">
          {reconcile.isPending ? "Reconciling…" : "Reconcile now"}
        </button>
        <button type="button" onClick={() => rebuild.mutate()} disabled={rebuild.isPending || progress?.state === "running"}
          className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          Rebuild index
        </button>
      </div>
      {message && <p role="status" className="text-sm">{message}</p>}
      {error && <p role="alert" className="text-sm text-seal">{error.message}</p>}
      {progress && progress.state !== "idle" && (
        <div>
          <div className="flex justify-between text-sm">
            <span>Rebuild {progress.state === "running" ? "in progress" : progress.state}</span>
            <span>{progress.indexed} of {progress.total}</span>
          </div>
          <div role="progressbar" aria-label="Rebuild progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            className="mt-1 h-2 overflow-hidden rounded bg-stone-200">
            <div className="h-full bg-accent transition-all" style={{ width: `${percent}%` }} />
          </div>
          {progress.error && <p role="alert" className="mt-1 text-sm text-seal">{progress.error}</p>}
        </div>
      )}
    </div>
  );
}
