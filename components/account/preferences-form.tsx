"use client";
// One's own preferences: single-key shortcuts on review pages, on or off (WCAG 2.1.4).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

export function PreferencesForm({ reviewShortcuts }: { reviewShortcuts: boolean }) {
  const trpc = useTRPC();
  const [on, setOn] = useState(reviewShortcuts);
  const save = useMutation(trpc.account.setPreferences.mutationOptions());
  return (
    <form
      className="max-w-xl space-y-3 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ reviewShortcuts: on });
      }}
    >
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} className="mt-1" />
        <span>
          Single-key shortcuts on review pages (<kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>s</kbd> send back, <kbd>n</kbd> next;
          <kbd>j</kbd>/<kbd>k</kbd>/<kbd>x</kbd> in the queue). Approving by key always asks you to confirm.
        </span>
      </label>
      <button type="submit" disabled={save.isPending} className="rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-50">
        {save.isPending ? "Saving…" : "Save preferences"}
      </button>
      <p role="status" className="text-muted">{save.isSuccess ? `Saved: shortcuts ${save.data.reviewShortcuts ? "on" : "off"}.` : ""}</p>
      {save.error && <p role="alert" className="text-seal">{save.error.message}</p>}
    </form>
  );
}
