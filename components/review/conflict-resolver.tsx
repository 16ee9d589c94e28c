"use client";
// Both versions of every conflicting field side by side; the person resolving picks one or edits
// a combination that starts with both sides' text. Used by reviewers (approving) and by authors
// (bringing their draft up to date).
import type { Dispatch, SetStateAction } from "react";
import { hasMarkers } from "@/server/review/markers";

export interface ConflictView {
  field: string;
  label: string;
  text: boolean;
  current: unknown;
  proposed: unknown;
  suggestion: unknown;
  shown: { current: string; proposed: string; suggestion: string };
}

export type Choice = { kind: "current" | "proposed" | "both" } | { kind: "edit"; value: string };
export type Choices = Record<string, Choice>;

/** The values to publish for the conflicting fields, once every one has a choice. */
export function resolutionValues(conflicts: ConflictView[], choices: Choices) {
  return Object.fromEntries(
    conflicts.map((c) => {
      const choice = choices[c.field]!;
      const value = choice.kind === "edit" ? choice.value : choice.kind === "current" ? c.current : choice.kind === "proposed" ? c.proposed : c.suggestion;
      return [c.field, value];
    }),
  );
}

/** Conflicts without a choice, or combined texts still holding the "⟦ From … ⟧" lines. */
export const unresolvedCount = (conflicts: ConflictView[], choices: Choices) =>
  conflicts.filter((c) => {
    const choice = choices[c.field];
    return !choice || (choice.kind === "edit" && hasMarkers(choice.value));
  }).length;

export function ConflictResolver({
  conflicts,
  choices,
  setChoices,
  proposedLabel = "Proposed in this request",
}: {
  conflicts: ConflictView[];
  choices: Choices;
  setChoices: Dispatch<SetStateAction<Choices>>;
  proposedLabel?: string;
}) {
  return (
    <>
      {conflicts.map((c) => {
        const choice = choices[c.field];
        const set = (next: Choice) => setChoices((all) => ({ ...all, [c.field]: next }));
        return (
          <fieldset key={c.field} className="mt-4 rounded border border-rule bg-white p-4" data-conflict={c.field}>
            <legend className="px-1 font-medium">{c.label}</legend>
            <div className="grid gap-3 md:grid-cols-2">
              <Side title="Published since (current)" text={c.shown.current} />
              <Side title={proposedLabel} text={c.shown.proposed} />
            </div>
            <div className="mt-3 flex flex-wrap gap-4 text-sm">
              <Option name={c.field} label="Keep current" checked={choice?.kind === "current"} onChange={() => set({ kind: "current" })} />
              <Option name={c.field} label="Take proposed" checked={choice?.kind === "proposed"} onChange={() => set({ kind: "proposed" })} />
              {c.text ? (
                <Option name={c.field} label="Combine and edit" checked={choice?.kind === "edit"} onChange={() => set({ kind: "edit", value: String(c.suggestion) })} />
              ) : (
                <Option name={c.field} label="Keep both" checked={choice?.kind === "both"} onChange={() => set({ kind: "both" })} />
              )}
            </div>
            {choice?.kind === "edit" && (
              <label className="mt-3 block text-sm">
                <span className="font-medium">Result for {c.label.toLowerCase()}</span>
                <span id={`markers-${c.field}`} className={`block text-xs ${hasMarkers(choice.value) ? "text-seal" : "text-muted"}`}>
                  {hasMarkers(choice.value)
                    ? "Both versions are below, each after a “⟦ From … ⟧” line. Keep what you want, then delete the ⟦ … ⟧ lines: until then this cannot be published."
                    : "Combined. Read it through once more before publishing."}
                </span>
                <textarea
                  aria-describedby={`markers-${c.field}`}
                  aria-invalid={hasMarkers(choice.value)}
                  value={choice.value}
                  onChange={(e) => set({ kind: "edit", value: e.target.value })}
                  rows={Math.min(16, Math.max(3, choice.value.split("\n").length + 1))}
                  className="mt-1 block w-full rounded border border-stone-300 px-3 py-2 font-serif"
                />
              </label>
            )}
          </fieldset>
        );
      })}
    </>
  );
}

function Side({ title, text }: { title: string; text: string }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-medium uppercase tracking-wide text-muted">{title}</h3>
      <p className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded border border-rule bg-stone-50 p-3 font-serif text-sm">{text}</p>
    </div>
  );
}

function Option({ name, label, checked, onChange }: { name: string; label: string; checked: boolean; onChange: () => void }) {
  return (
    <label className="flex items-center gap-2">
      <input type="radio" name={`resolve-${name}`} checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}
