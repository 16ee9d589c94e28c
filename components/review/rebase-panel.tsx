"use client";
// For an author whose record moved on since they started: take the others' changes into the
// draft (three-way merge), settling any overlap here rather than leaving it to the reviewer.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { type Choices, ConflictResolver, type ConflictView, resolutionValues, unresolvedCount } from "./conflict-resolver";

interface Props {
  id: number;
  version: number;
  currentRevisionId: number;
  currentChanges: string[];
  conflicts: ConflictView[];
}

export function RebasePanel({ id, version, currentRevisionId, currentChanges, conflicts }: Props) {
  const trpc = useTRPC();
  const [choices, setChoices] = useState<Choices>({});
  const rebase = useMutation(
    trpc.changeRequests.rebase.mutationOptions({
      onSuccess: () => {
        // The editor below reloads with the merged draft; drop this device's stale copy.
        window.localStorage.removeItem(`dossier:draft:${id}`);
        window.location.reload();
      },
    }),
  );
  const unresolved = unresolvedCount(conflicts, choices);
  return (
    <section aria-labelledby="rebase-heading" className="mb-6 rounded border border-sky-300 bg-sky-50 p-4 text-sm">
      <h2 id="rebase-heading" className="font-serif text-lg font-semibold">The record changed since you started</h2>
      <p className="mt-1">
        Others changed {currentChanges.length === 1 ? "one field" : `${currentChanges.length} fields`} ({currentChanges.join(", ")}).
        {conflicts.length === 0
          ? " None overlaps with your changes: bring your draft up to date and nothing you wrote is lost."
          : " Some overlap with yours: choose what to keep for each, then bring your draft up to date."}
      </p>
      <ConflictResolver conflicts={conflicts} choices={choices} setChoices={setChoices} proposedLabel="In your draft" />
      <button
        type="button"
        disabled={rebase.isPending || unresolved > 0}
        onClick={() => rebase.mutate({ id, expectedVersion: version, ...(conflicts.length ? { resolution: { currentRevisionId, values: resolutionValues(conflicts, choices) } } : {}) })}
        className="mt-4 rounded bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-50"
      >
        {unresolved > 0 ? `Choose for ${unresolved} field${unresolved === 1 ? "" : "s"} first` : "Bring my draft up to date"}
      </button>
      {rebase.error && <p role="alert" className="mt-2 text-seal">{rebase.error.message}</p>}
    </section>
  );
}
