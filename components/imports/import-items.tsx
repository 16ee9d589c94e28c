"use client";
// An import's items, a page at a time, filtered (errors, warnings, new, updated...): each with
// where it is in the file, what it would do, and its problems. A reviewer can tick items to leave
// them out of the approval.
import { useQuery } from "@tanstack/react-query";
import Link from "@/components/ui/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS } from "./labels";

const FILTERS = [
  ["all", "All"],
  ["errors", "Errors"],
  ["warnings", "Warnings"],
  ["create", "New"],
  ["update", "Updated"],
  ["unchanged", "No change"],
  ["published", "Published"],
  ["conflict", "Sent to review"],
  ["kept", "Kept"],
] as const;
type Filter = (typeof FILTERS)[number][0];
const PAGE_SIZE = 50;

export function ImportItems({ id, selectable, leaveOut, onLeaveOut }: { id: number; selectable: boolean; leaveOut: Set<number>; onLeaveOut: (next: Set<number>) => void }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("all");
  const [page, setPage] = useState(1);
  const query = useQuery(trpc.imports.items.queryOptions({ id, filter, page, pageSize: PAGE_SIZE }));
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));
  const toggle = (seq: number) => {
    const next = new Set(leaveOut);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    onLeaveOut(next);
  };

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Show" className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={filter === value} onClick={() => { setFilter(value); setPage(1); }}
            className={`rounded border px-2.5 py-1 ${filter === value ? "border-accent bg-accent text-white" : "border-rule bg-white"}`}>
            {label}
          </button>
        ))}
      </div>
      {query.error && <p role="alert" className="text-sm text-seal">{query.error.message}</p>}
      {query.data && query.data.items.length === 0 && <p className="rounded border border-dashed border-rule bg-white p-4 text-sm text-muted">Nothing here.</p>}
      <ul className="divide-y divide-rule rounded border border-rule bg-white" aria-label="Items">
        {query.data?.items.map((item) => (
          <li key={item.seq} className="flex gap-3 p-3 text-sm">
            {selectable && item.state === "pending" && (
              <input type="checkbox" aria-label={`Leave out ${item.title}`} checked={leaveOut.has(item.seq)} onChange={() => toggle(item.seq)} className="mt-1" />
            )}
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <Link href={`/imports/${id}/items/${item.seq}`} className="font-medium">{item.title}</Link>
                <span className="text-xs text-muted">
                  {ITEM_ACTION_LABELS[item.action]}
                  {item.recordId && <> · <Link href={`/records/${item.recordId}`}>record {item.recordId}</Link></>}
                  {item.state !== "pending" && item.state !== "left_out" && ` · ${ITEM_STATE_LABELS[item.state]}`}
                  {item.conflictRequestId && <> · <Link href={`/review/${item.conflictRequestId}`}>request {item.conflictRequestId}</Link></>}
                </span>
              </div>
              <p className="text-xs text-muted">{item.location}{item.key ? ` · identifier ${item.key}` : ""}</p>
              {item.problems.length > 0 && (
                <ul className="mt-1 space-y-0.5">
                  {item.problems.map((p, i) => (
                    <li key={i} className={p.level === "error" ? "text-seal" : "text-amber-900"}>
                      <span className="font-medium">{p.level === "error" ? "Error" : "Warning"}:</span> {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label="Item pages" className="flex items-center justify-between text-sm">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)} className="disabled:opacity-40">← Previous</button>
          <span className="text-muted">Page {page} of {pages} · {query.data?.total.toLocaleString("en")} items</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)} className="disabled:opacity-40">Next →</button>
        </nav>
      )}
    </div>
  );
}
