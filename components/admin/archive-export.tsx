"use client";
// Downloads the archive export with a progress bar: the response is read as it streams and its
// records counted (lines of JSON Lines; CSV rows, not the line breaks inside quoted values),
// then saved under the name the server gave it.
import { useState } from "react";

type Format = "jsonl" | "csv";
type State = { format: Format; received: number; total: number; done: boolean; error?: string } | null;

export function ArchiveExport({ records }: { records: number }) {
  const [state, setState] = useState<State>(null);
  const busy = state !== null && !state.done;

  async function download(format: Format) {
    setState({ format, received: 0, total: records, done: false });
    try {
      const response = await fetch(`/admin/export/records?format=${format}`);
      if (!response.ok || !response.body) throw new Error((await response.json().catch(() => null))?.error?.message ?? `The export failed (${response.status}).`);
      const total = Number(response.headers.get("x-dossier-records") ?? records);
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `dossier-archive.${format}`;
      const parts: BlobPart[] = [];
      const reader = response.body.getReader();
      let count = format === "csv" ? -1 : 0; // the CSV header row is not a record
      let quoted = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) {
          if (byte === 0x22 && format === "csv") quoted = !quoted;
          else if (byte === 0x0a && !quoted) count++;
        }
        setState({ format, received: Math.max(count, 0), total, done: false });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get("content-type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ format, received: Math.max(count, 0), total, done: true });
    } catch (error) {
      setState({ format, received: 0, total: records, done: true, error: (error as Error).message });
    }
  }

  const percent = state && state.total > 0 ? Math.min(100, Math.round((state.received / state.total) * 100)) : 0;
  return (
    <div className="mt-6 rounded border border-rule bg-white p-5">
      <div className="flex flex-wrap gap-3">
        {(["jsonl", "csv"] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy}
            onClick={() => download(format)}
            className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50"
          >
            Download as {format === "jsonl" ? "JSON Lines" : "CSV"}
          </button>
        ))}
      </div>
      {state && (
        <div className="mt-4 text-sm">
          <progress className="h-2 w-full accent-accent" max={100} value={percent} aria-label="Export progress">{percent}%</progress>
          <p role="status" className="mt-2 text-muted">
            {state.error
              ? <span className="text-seal">{state.error}</span>
              : state.done
                ? `Saved ${state.received.toLocaleString("en")} records.`
                : `${state.received.toLocaleString("en")} of ${state.total.toLocaleString("en")} records…`}
          </p>
        </div>
      )}
    </div>
  );
}
