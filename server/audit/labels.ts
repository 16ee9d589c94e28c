// The audit log in words: every action, subject kind, payload key and coded value an admin reads
// has a label here, so no internal code ("change_request.approve", "wrong_password") reaches the
// page (issue 17, item 7). The CSV export keeps the codes: it is for machines.
import type { AuditAction } from "./audit";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in refused",
  "auth.sign_in_rate_limited": "Sign-in slowed down (too many attempts)",
  "auth.sso_linked": "Single sign-on linked",
  "user.password_reset_requested": "Password reset asked for",
  "user.create": "Account created",
  "user.role_change": "Role changed",
  "user.trust_change": "Trust changed",
  "user.disable": "Account disabled",
  "user.enable": "Account enabled",
  "user.invite": "Invitation sent",
  "user.invitation_accepted": "Invitation accepted",
  "user.password_reset_issued": "Password reset link made",
  "user.password_reset": "Password reset",
  "user.password_change": "Password changed",
  "user.password_change_failed": "Password change refused",
  "change_request.create": "Change proposed",
  "change_request.submit": "Change submitted for review",
  "change_request.withdraw": "Change withdrawn by its author",
  "change_request.approve": "Change approved",
  "change_request.reject": "Change rejected",
  "change_request.send_back": "Change sent back to its author",
  "record.publish": "Record published",
  "record.withdraw": "Record withdrawn",
  "record.restore": "Record restored",
  "record.revert": "Record reverted to an earlier revision",
  "entity.create": "Authority record created",
  "entity.update": "Authority record changed",
  "entity.merge": "Authority records merged",
  "entity.unmerge": "Merge undone",
  "entity.remove": "Authority record removed",
  "search.rebuild": "Search index rebuilt",
  "search.reconcile": "Search index checked",
  "search.retry": "Search sync retried",
  "import.apply": "Import applied",
  "import.upload": "Import uploaded",
  "import.check": "Import checked (dry run)",
  "import.submit": "Import submitted for review",
  "import.approve": "Import approved",
  "import.reject": "Import rejected",
  "import.discard": "Import discarded",
  "import.publish": "Import published",
  "import.undo": "Import undo asked for",
  "import.undone": "Import undone",
  "import.fail": "Import failed",
  "seed.demo": "Demo archive loaded",
};

const SUBJECT_LABELS: Record<string, string> = {
  record: "Record",
  entity: "Authority record",
  user: "Account",
  email: "Email",
  change_request: "Change request",
  import: "Import",
  search_index: "Search index",
  search_outbox: "Search sync queue",
};

/** The subject kinds the log's filter offers. */
export const SUBJECT_TYPES = Object.keys(SUBJECT_LABELS);

/** Where a subject can be seen, when it has a page. */
export function subjectHref(type: string, id: string, name?: string | null): string | null {
  if (!/^[\w-]+$/.test(id)) return null;
  switch (type) {
    case "record": return `/records/${id}`;
    case "entity": return `/entities/${id}`;
    case "change_request": return `/review/${id}`;
    case "import": return `/imports/${id}`;
    case "user": return name ? `/admin/users?q=${encodeURIComponent(name)}` : null;
    default: return null;
  }
}

/** "Change request", or the code made readable ("some_thing" → "Some thing") for one not listed. */
export function subjectLabel(type: string): string {
  return SUBJECT_LABELS[type] ?? readable(type);
}

const KEY_LABELS: Record<string, string> = {
  revisionId: "revision id",
  number: "revision",
  toNumber: "back to revision",
  recordId: "record",
  entityId: "authority record",
  importId: "import",
  changeRequestId: "change request",
  introducedBy: "introduced by",
  automatic: "approved automatically",
  leftOut: "left out",
  withErrors: "rows with errors",
  expiresAt: "expires",
  emailed: "sent by email",
  sent: "email sent",
  into: "merged into",
  from: "from",
  to: "to",
  merge: "merge",
  sourceId: "duplicate",
  targetId: "kept",
  fileName: "file",
  size: "size (bytes)",
};

const VALUE_LABELS: Record<string, string> = {
  unknown_email: "no account with that email",
  wrong_password: "wrong password",
  disabled: "account disabled",
  no_role: "account has no role",
  record: "a record",
  import: "an import",
  sso: "single sign-on",
  csv: "CSV",
  jsonl: "JSON Lines",
  tei: "TEI",
};

/** "someKey" / "some_key" → "Some key". */
function readable(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_.]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${value.slice(0, 16).replace("T", " ")} UTC`;
    return VALUE_LABELS[value] ?? value;
  }
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueText).join(", ");
  return detailsOf(value).map(([k, v]) => `${k} ${v}`).join(", ");
}

/** An event's payload as label/value pairs, in the order it was written. */
export function detailsOf(payload: unknown): [string, string][] {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return payload == null ? [] : [["details", valueText(payload)]];
  return Object.entries(payload as Record<string, unknown>).map(([key, value]) => [KEY_LABELS[key] ?? readable(key).toLowerCase(), valueText(value)]);
}
