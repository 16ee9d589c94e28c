// Words people see for an import's states, actions and formats (one table, used everywhere).
export const IMPORT_STATUS_LABELS: Record<string, string> = {
  receiving: "Uploading",
  uploaded: "Needs column mapping",
  validating: "Checking",
  validated: "Checked",
  failed: "Could not be read",
  submitted: "Waiting for review",
  approving: "Publishing",
  approved: "Published",
  rejected: "Rejected",
  undoing: "Undoing",
  undone: "Undone",
  discarded: "Discarded",
};

export const IMPORT_STATUS_STYLES: Record<string, string> = {
  uploaded: "bg-stone-100 text-stone-700",
  validating: "bg-sky-100 text-sky-900",
  validated: "bg-stone-100 text-stone-800",
  failed: "bg-red-100 text-red-900",
  submitted: "bg-amber-100 text-amber-900",
  approving: "bg-sky-100 text-sky-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  undoing: "bg-sky-100 text-sky-900",
  undone: "bg-stone-200 text-stone-700",
  discarded: "bg-stone-200 text-stone-700",
};

export const ITEM_ACTION_LABELS: Record<string, string> = { create: "New record", update: "Update", unchanged: "No change", skip: "Skipped (errors)" };
export const ITEM_STATE_LABELS: Record<string, string> = {
  pending: "Waiting",
  published: "Published",
  left_out: "Not imported",
  conflict: "Changed meanwhile: sent to review",
  undone: "Undone",
  kept: "Kept (edited since)",
};
export const FORMAT_LABELS: Record<string, string> = { csv: "CSV", jsonl: "JSON Lines", tei: "TEI XML" };
export const REFERENCE_KIND_LABELS: Record<string, string> = { person: "Person", organization: "Organization", place: "Place", subject: "Subject", collection: "Collection" };

export function ImportStatusBadge({ status }: { status: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${IMPORT_STATUS_STYLES[status] ?? ""}`}>{IMPORT_STATUS_LABELS[status] ?? status}</span>;
}

/** "1.2 MB" */
export function fileSize(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
