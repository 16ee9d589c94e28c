"use client";
// Choose a file and upload it: the file is sent as the request body (XMLHttpRequest, for the
// upload's progress), then the import's own page takes over.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) return setError("Choose a file to import.");
    if (file.size > maxBytes) return setError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most one import takes. Split it into several files.`);
    const request = new XMLHttpRequest();
    request.open("POST", `/api/imports?name=${encodeURIComponent(file.name)}`);
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    request.onload = () => {
      setProgress(null);
      const body = (() => {
        try {
          return JSON.parse(request.responseText) as { id?: number; error?: { message: string } };
        } catch {
          return {};
        }
      })();
      if (request.status === 201 && body.id) router.push(`/imports/${body.id}`);
      else setError(body.error?.message ?? `The upload failed (HTTP ${request.status}).`);
    };
    request.onerror = () => {
      setProgress(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    setProgress(0);
    request.send(file);
  }

  return (
    <form onSubmit={upload} className="space-y-3 rounded border border-rule bg-white p-4">
      <div>
        <label htmlFor="import-file" className="block font-medium">File to import</label>
        <p id="import-file-help" className="text-sm text-muted">
          A spreadsheet saved as CSV, Dossier’s JSON Lines export, or a TEI volume in the shape of the Foreign Relations series.
          Nothing is published until a reviewer approves it.
        </p>
        <input ref={input} id="import-file" name="file" type="file" accept=".csv,.tsv,.txt,.jsonl,.ndjson,.xml,.tei" aria-describedby="import-file-help"
          className="mt-2 block w-full text-sm file:mr-3 file:rounded file:border file:border-accent file:bg-white file:px-3 file:py-1.5 file:text-accent" />
      </div>
      <button type="submit" disabled={progress !== null} className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
        {progress !== null ? `Uploading… ${progress}%` : "Upload and check"}
      </button>
      {progress !== null && (
        <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} className="h-2 overflow-hidden rounded bg-stone-200">
          <div className="h-full bg-accent" style={{ width: `${progress}%` }} />
        </div>
      )}
      {error && <p role="alert" className="text-sm text-seal">{error}</p>}
    </form>
  );
}
