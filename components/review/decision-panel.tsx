"use client";
// A reviewer's decision on one request: approve (resolving any rebase conflicts first), reject
// with a reason, or send back with comments. Keys (each reviewer may turn them off on /account):
// a asks to approve (Enter confirms, Escape cancels: one stray key never publishes), r reject,
// s send back, n next.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { type Choices, ConflictResolver, type ConflictView, resolutionValues, unresolvedCount } from "./conflict-resolver";

interface Props {
  id: number;
  version: number;
  /** Null: approving is not allowed (the reviewer's own request), with the reason in `blocked`. */
  blocked: string | null;
  currentRevisionId: number | null;
  conflicts: ConflictView[];
  nextId: number | null;
  /** The reviewer's preference: single-key shortcuts on or off. */
  shortcuts: boolean;
}

export function DecisionPanel({ id, version, blocked, currentRevisionId, conflicts, nextId, shortcuts }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choices, setChoices] = useState<Choices>({});
  const [mode, setMode] = useState<"reject" | "send_back" | null>(null);
  const [text, setText] = useState("");
  const textRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const after = () => {
    router.push(nextId ? `/review/${nextId}` : "/review");
    router.refresh();
  };
  const approve = useMutation(trpc.changeRequests.approve.mutationOptions({ onSuccess: after }));
  const reject = useMutation(trpc.changeRequests.reject.mutationOptions({ onSuccess: after }));
  const sendBack = useMutation(trpc.changeRequests.sendBack.mutationOptions({ onSuccess: after }));
  const error = approve.error ?? reject.error ?? sendBack.error;
  const busy = approve.isPending || reject.isPending || sendBack.isPending;
  const unresolved = unresolvedCount(conflicts, choices);

  function doApprove() {
    if (blocked || unresolved > 0 || busy) return;
    const values = resolutionValues(conflicts, choices);
    approve.mutate({ id, expectedVersion: version, ...(conflicts.length ? { resolution: { currentRevisionId: currentRevisionId!, values } } : {}) });
  }

  function openText(next: "reject" | "send_back") {
    setMode(next);
    setTimeout(() => textRef.current?.focus(), 0);
  }

  function askToApprove() {
    if (blocked || unresolved > 0 || busy) return;
    setConfirming(true);
    setTimeout(() => confirmRef.current?.focus(), 0);
  }

  useEffect(() => {
    if (!shortcuts) return;
    function onKey(event: KeyboardEvent) {
      if ((event.target as HTMLElement).closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
      if (confirming && event.key === "Escape") setConfirming(false);
      // Enter confirms wherever the focus is (a focused button handles its own Enter).
      else if (confirming && event.key === "Enter" && (event.target as HTMLElement).tagName !== "BUTTON") {
        setConfirming(false);
        doApprove();
      }
      else if (event.key === "a") askToApprove();
      else if (event.key === "r") openText("reject");
      else if (event.key === "s") openText("send_back");
      else if (event.key === "n" && nextId) router.push(`/review/${nextId}`);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="space-y-6">
      {conflicts.length > 0 && (
        <section aria-labelledby="conflicts-heading" className="rounded border border-amber-400 bg-amber-50 p-4">
          <h2 id="conflicts-heading" className="font-serif text-xl font-semibold">
            {conflicts.length === 1 ? "One conflict" : `${conflicts.length} conflicts`} to resolve
          </h2>
          <p className="mt-1 text-sm">The record changed since this request was made, and both changed the same thing. Choose what to publish.</p>
          <ConflictResolver conflicts={conflicts} choices={choices} setChoices={setChoices} />
        </section>
      )}

      <section aria-label="Decision" className="rounded border border-rule bg-white p-4">
        {blocked && <p className="mb-3 text-sm text-seal">{blocked}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" onClick={doApprove} disabled={!!blocked || unresolved > 0 || busy}
            className="rounded bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-50">
            {approve.isPending ? "Approving…" : unresolved > 0 ? `Resolve ${unresolved} conflict${unresolved === 1 ? "" : "s"} to approve` : "Approve and publish"}
            {shortcuts && <kbd className="ml-2 rounded bg-white/20 px-1 text-xs">a</kbd>}
          </button>
          <button type="button" onClick={() => openText("send_back")} className="rounded border border-orange-600 px-4 py-2 text-sm text-orange-800">
            Send back {shortcuts && <kbd className="ml-1 rounded bg-stone-100 px-1 text-xs">s</kbd>}
          </button>
          <button type="button" onClick={() => openText("reject")} className="rounded border border-seal px-4 py-2 text-sm text-seal">
            Reject {shortcuts && <kbd className="ml-1 rounded bg-stone-100 px-1 text-xs">r</kbd>}
          </button>
          {nextId && <a href={`/review/${nextId}`} className="text-sm">Skip to next {shortcuts && <kbd className="rounded bg-stone-100 px-1 text-xs">n</kbd>}</a>}
        </div>
        {confirming && (
          <div role="alertdialog" aria-labelledby="confirm-approve" className="mt-4 flex flex-wrap items-center gap-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
            <p id="confirm-approve" className="font-medium">Approve and publish this change now?</p>
            <button ref={confirmRef} type="button" onClick={() => { setConfirming(false); doApprove(); }}
              className="rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800">
              Yes, publish <kbd className="ml-1 rounded bg-white/20 px-1 text-xs">Enter</kbd>
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="text-sm">
              Cancel <kbd className="rounded bg-stone-100 px-1 text-xs">Esc</kbd>
            </button>
          </div>
        )}
        {mode && (
          <form
            className="mt-4 space-y-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (mode === "reject") reject.mutate({ id, expectedVersion: version, reason: text });
              else sendBack.mutate({ id, expectedVersion: version, comment: text });
            }}
          >
            <label htmlFor="decision-text" className="text-sm font-medium">
              {mode === "reject" ? "Reason for rejecting (the author reads this)" : "What should the author change?"}
            </label>
            <textarea id="decision-text" ref={textRef} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={5000}
              className="block w-full rounded border border-stone-300 px-3 py-2 text-sm" />
            <div className="flex gap-3">
              <button type="submit" disabled={busy || text.trim() === ""}
                className="rounded bg-accent px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
                {mode === "reject" ? "Reject request" : "Send back to author"}
              </button>
              <button type="button" onClick={() => setMode(null)} className="text-sm">Cancel</button>
            </div>
          </form>
        )}
        {error && <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-seal">{error.message}</p>}
      </section>
    </div>
  );
}
