"use client";
// On an entity's page: editors propose merging a duplicate into it; reviewers undo a merge.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Combobox } from "@/components/ui/combobox";
import type { EntityType } from "@/server/generated/prisma/enums";

export function ProposeMerge({ targetId, type, name }: { targetId: number; type: EntityType; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [source, setSource] = useState<{ id: number; label: string } | null>(null);
  const propose = useMutation(trpc.entities.proposeMerge.mutationOptions({ onSuccess: (r) => router.push(`/desk/requests/${r.id}?submitted=1`) }));
  const useOptions = (q: string) => {
    const query = useQuery({ ...trpc.entities.pick.queryOptions({ q, type, limit: 8 }), enabled: q.length >= 1 });
    return {
      loading: query.isFetching,
      options: (query.data ?? []).filter((m) => m.entityId !== targetId).map((m) => ({ key: String(m.entityId), id: m.entityId, label: m.preferred, hint: `#${m.entityId}${m.datesText ? ` · ${m.datesText}` : ""}` })),
    };
  };
  return (
    <div className="space-y-2">
      <Combobox label={`Merge a duplicate into ${name}`} placeholder="The duplicate's name" options={useOptions} onPick={(o) => setSource({ id: o.id, label: o.label })} />
      {source && (
        <div className="space-y-2 text-sm">
          <p>
            <strong>{source.label}</strong> (#{source.id}) will be merged into <strong>{name}</strong>: its names become variants, its mentions move here, and its page redirects here. A reviewer approves first; the merge can be undone.
          </p>
          <div className="flex gap-2">
            <button type="button" disabled={propose.isPending} onClick={() => propose.mutate({ sourceId: source.id, targetId })}
              className="rounded bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-50">
              Propose the merge
            </button>
            <button type="button" onClick={() => setSource(null)}>Cancel</button>
          </div>
        </div>
      )}
      {propose.error && <p role="alert" className="text-sm text-seal">{propose.error.message}</p>}
    </div>
  );
}

export function UndoMerge({ requestId, sourceName }: { requestId: number; sourceName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const undo = useMutation(trpc.entities.undoMerge.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <button type="button" disabled={undo.isPending} className="text-xs text-seal"
        onClick={() => {
          if (window.confirm(`Undo the merge of ${sourceName}? Its names, mentions and page come back.`)) undo.mutate({ requestId });
        }}>
        Undo merge
      </button>
      {undo.error && <span role="alert" className="block text-xs text-seal">{undo.error.message}</span>}
    </>
  );
}
