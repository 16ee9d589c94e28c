"use client";
// The review queue: oldest first, with how much each request changes. Select several and approve
// them at once; keyboard: j/k move, x selects, Enter opens, A approves the selection.
import { useMutation } from "@tanstack/react-query";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { changeSize } from "./diff-view";
import { REQUEST_KIND_LABELS } from "./kind-labels";

interface Row {
  id: number;
  version: number;
  title: string;
  kind: string;
  waiting: string;
  message: string;
  author: { name: string };
  change: { fields: number; wordsAdded: number; wordsRemoved: number };
}

/** `shortcuts`: the reviewer's preference for single-key shortcuts (j, k, x, Enter, Shift+A). */
export function QueueTable({ requests, shortcuts }: { requests: Row[]; shortcuts: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [result, setResult] = useState<{ approved: number; failed: { id: number; message?: string }[] } | null>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const approveMany = useMutation(
    trpc.changeRequests.approveMany.mutationOptions({
      onSuccess: (r) => {
        setResult({ approved: r.approved, failed: r.results.filter((x) => !x.ok) });
        setSelected(new Set());
        router.refresh();
      },
    }),
  );

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const approveSelected = () => {
    const items = requests.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, expectedVersion: r.version }));
    if (!items.length) return;
    // A batch publishes at once: it is confirmed first, and the result says what it did.
    if (!window.confirm(`Approve and publish ${items.length} request${items.length === 1 ? "" : "s"}?`)) return;
    setResult(null);
    approveMany.mutate({ items });
  };

  useEffect(() => {
    if (!shortcuts) return;
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
      const row = requests[cursor];
      if (event.key === "j") setCursor((c) => Math.min(c + 1, requests.length - 1));
      else if (event.key === "k") setCursor((c) => Math.max(c - 1, 0));
      else if (event.key === "x" && row) toggle(row.id);
      else if (event.key === "Enter" && row && target.tagName !== "A" && target.tagName !== "BUTTON") router.push(`/review/${row.id}`);
      else if (event.key === "A") approveSelected();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    // Braces matter: newer browsers return a promise from scrollIntoView, and an effect may
    // only return a cleanup function.
    void rows.current[cursor]?.scrollIntoView({ block: "nearest" });
  }, [cursor]);

  const allSelected = selected.size === requests.length;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <button type="button" onClick={approveSelected} disabled={selected.size === 0 || approveMany.isPending}
          className="rounded bg-accent px-3 py-1.5 font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          {approveMany.isPending ? "Approving…" : `Approve selected (${selected.size})`}
        </button>
        <span className="text-muted">
          {shortcuts ? (
            <>Keys: <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>Enter</kbd> open · <kbd>Shift+A</kbd> approve selected · <a href="/account">turn keys off</a></>
          ) : (
            <>Single-key shortcuts are off (<a href="/account">your preferences</a>).</>
          )}
        </span>
      </div>
      {result && (
        <div role="status" className="mb-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          Approved and published {result.approved} request{result.approved === 1 ? "" : "s"}{result.failed.length ? `; ${result.failed.length} could not be approved:` : "."}
          {result.failed.length > 0 && (
            <ul className="mt-1 text-seal">
              {result.failed.map((f) => <li key={f.id}>#{f.id}: {f.message}</li>)}
            </ul>
          )}
        </div>
      )}
      {approveMany.error && <p role="alert" className="mb-3 text-sm text-seal">{approveMany.error.message}</p>}
      {/* Wide on a phone: it scrolls inside this region, not the page (focusable, so keys scroll it too). */}
      <div className="overflow-x-auto" role="region" aria-label="Review queue" tabIndex={0}>
      <table className="w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
        <thead className="border-b border-rule text-muted">
          <tr>
            <th className="w-8 py-2">
              <input type="checkbox" aria-label="Select all" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(requests.map((r) => r.id)))} />
            </th>
            <th>Document</th><th>Author</th><th>Change</th><th>Waiting</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-rule">
          {requests.map((r, i) => (
            <tr key={r.id} ref={(el) => { rows.current[i] = el; }} className={`align-top ${i === cursor ? "bg-amber-50" : ""}`} aria-current={i === cursor ? "true" : undefined}>
              <td className="py-2">
                <input type="checkbox" aria-label={`Select #${r.id} ${r.title}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
              </td>
              <td className="py-2 pr-3">
                <Link href={`/review/${r.id}`}><bdi>{r.title}</bdi></Link>
                <span className="ml-2 text-xs text-muted">#{r.id} · {(REQUEST_KIND_LABELS[r.kind] ?? r.kind).toLowerCase()}</span>
                {r.message && <p className="mt-0.5 text-xs text-muted">{r.message}</p>}
              </td>
              <td className="py-2 pr-3">{r.author.name}</td>
              <td className="py-2 pr-3 text-muted">{r.kind === "import_batch" ? `${r.change.fields.toLocaleString("en")} records` : changeSize(r.change)}</td>
              <td className="py-2">{r.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
