"use client";
// Copies a text to the clipboard and says so (in a live region, for screen readers too).
import { useState } from "react";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" className="text-xs font-normal text-muted">{state === "copied" ? "Copied" : state === "failed" ? "Select the text to copy it" : ""}</span>
      <button type="button" onClick={copy} aria-label={label} className="rounded border border-rule px-2 py-0.5 text-xs font-medium text-accent hover:border-accent">
        Copy
      </button>
    </span>
  );
}
