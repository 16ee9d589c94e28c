"use client";
// The record editor: every curated field, a live preview of how the date is understood, drafts
// saved as the editor types (and on demand), and a copy kept on this device so that nothing typed
// is lost when the session ends or the network drops: after signing in again, the newer copy
// comes back and is saved.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import type { DraftContent } from "@/server/records/content";
import { DOCUMENT_TYPE_LABELS } from "./labels";
import { type Labels, LinksField, MentionsField } from "./reference-fields";

export type EditorMode =
  | { kind: "new" }
  | { kind: "edit"; recordId: number; baseRevisionId: number }
  | { kind: "draft"; id: number; version: number; recordId: number | null; updatedAt: string };

interface Props {
  mode: EditorMode;
  initial: DraftContent;
  initialMessage: string;
  collections: { id: number; title: string }[];
  /** Display names for the content's mentions and links ("entity:12", "name:40", "record:7"). */
  referenceLabels: Record<string, string>;
}

type Status = { kind: "idle" | "saving" | "saved" | "error" | "signed-out"; message?: string; at?: Date };
type FieldErrors = Partial<Record<string, string>>;

interface ClientError {
  message: string;
  data?: { code?: string; zodIssues?: { path: (string | number)[]; message: string }[] | null; field?: string | null } | null;
}

const CREDIT_ROLES = [
  ["obtained_by", "Obtained by"],
  ["translated_by", "Translated by"],
  ["transcribed_by", "Transcribed by"],
  ["edited_by", "Edited by"],
  ["contributed_by", "Contributed by"],
] as const;

const storageKey = (mode: EditorMode) =>
  mode.kind === "draft" ? `dossier:draft:${mode.id}` : mode.kind === "edit" ? `dossier:draft:record:${mode.recordId}` : "dossier:draft:new";

interface Backup {
  content: DraftContent;
  message: string;
  at: number;
}

function readBackup(key: string): Backup | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Backup) : null;
  } catch {
    return null;
  }
}

/** Field errors from a tRPC error: zod issues at their field, or the domain error's field. */
function fieldErrors(error: ClientError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.data?.zodIssues ?? []) {
    const path = issue.path[0] === "content" ? issue.path.slice(1) : issue.path;
    const field = String(path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  if (error.data?.field) errors[error.data.field] ??= error.message;
  return errors;
}

export function RecordEditor({ mode: initialMode, initial, initialMessage, collections, referenceLabels }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState(initialMode);
  const [content, setContent] = useState<DraftContent>(initial);
  const [message, setMessage] = useState(initialMessage);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [dateText, setDateText] = useState(initial.dateText);
  const [labels, setLabels] = useState(referenceLabels);
  const addLabels = useCallback((more: Labels) => setLabels((all) => ({ ...all, ...more })), []);
  const version = useRef(initialMode.kind === "draft" ? initialMode.version : undefined);
  const saving = useRef<Promise<unknown> | null>(null);

  // A copy on this device newer than the server's draft comes back (e.g. after the session ended).
  useEffect(() => {
    const backup = readBackup(storageKey(initialMode));
    const serverTime = initialMode.kind === "draft" ? Date.parse(initialMode.updatedAt) : 0;
    if (backup && backup.at > serverTime && JSON.stringify(backup.content) !== JSON.stringify(initial)) {
      // localStorage exists only in the browser, so the restore runs after hydration, once.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setContent(backup.content);
      setMessage(backup.message);
      setDateText(backup.content.dateText);
      setDirty(true);
      setNotice("Restored changes from this device that had not been saved yet.");
    }
    // Only on first load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep a copy on this device on every change.
  useEffect(() => {
    if (!dirty) return;
    window.localStorage.setItem(storageKey(mode), JSON.stringify({ content, message, at: Date.now() } satisfies Backup));
  }, [content, message, dirty, mode]);

  // Debounced date preview.
  useEffect(() => {
    const timer = setTimeout(() => setDateText(content.dateText), 300);
    return () => clearTimeout(timer);
  }, [content.dateText]);
  const datePreview = useQuery({ ...trpc.dates.parse.queryOptions({ text: dateText.slice(0, 200) }), enabled: dateText.trim() !== "" });

  const saveMutation = useMutation(trpc.changeRequests.saveDraft.mutationOptions());
  const submitMutation = useMutation(trpc.changeRequests.submit.mutationOptions());

  const onSaveError = useCallback((error: ClientError) => {
    if (error.data?.code === "UNAUTHORIZED") {
      setStatus({ kind: "signed-out", message: "Your session has ended. Your text is kept on this device; sign in again to save it." });
    } else {
      setStatus({ kind: "error", message: error.message });
      setErrors(fieldErrors(error));
    }
  }, []);

  const save = useCallback(async () => {
    if (saving.current) await saving.current.catch(() => undefined);
    setStatus({ kind: "saving" });
    const input =
      mode.kind === "draft"
        ? { id: mode.id, expectedVersion: version.current, content, message }
        : mode.kind === "edit"
          ? { recordId: mode.recordId, baseRevisionId: mode.baseRevisionId, content, message }
          : { content, message };
    const promise = saveMutation.mutateAsync(input);
    saving.current = promise;
    try {
      const saved = await promise;
      version.current = saved.version;
      setErrors({});
      setDirty(false);
      setStatus({ kind: "saved", at: new Date(saved.updatedAt) });
      const oldKey = storageKey(mode);
      window.localStorage.removeItem(oldKey);
      if (mode.kind !== "draft") {
        const next: EditorMode = { kind: "draft", id: saved.id, version: saved.version, recordId: mode.kind === "edit" ? mode.recordId : null, updatedAt: String(saved.updatedAt) };
        setMode(next);
        // The draft has a home now: a reload resumes it.
        window.history.replaceState(null, "", `/desk/requests/${saved.id}`);
      }
      return saved;
    } catch (error) {
      onSaveError(error as ClientError);
      return null;
    } finally {
      saving.current = null;
    }
  }, [content, message, mode, onSaveError, saveMutation]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!dirty || status.kind === "signed-out") return;
    const timer = setTimeout(() => void save(), 1500);
    return () => clearTimeout(timer);
  }, [dirty, content, message, save, status.kind]);

  // Warn before leaving with changes the server does not have yet.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const update = <K extends keyof DraftContent>(field: K, value: DraftContent[K]) => {
    setContent((c) => ({ ...c, [field]: value }));
    setDirty(true);
  };

  async function submit() {
    const saved = dirty || mode.kind !== "draft" ? await save() : { id: (mode as { id: number }).id };
    if (!saved) return;
    try {
      const result = await submitMutation.mutateAsync({ id: saved.id, expectedVersion: version.current!, content, message });
      window.localStorage.removeItem(storageKey(mode));
      router.push(`/desk/requests/${result.id}?submitted=1`);
      router.refresh();
    } catch (error) {
      const e = error as ClientError;
      if (e.data?.code === "UNAUTHORIZED") return onSaveError(e);
      setErrors(fieldErrors(e));
      setStatus({ kind: "error", message: e.message });
    }
  }

  const signInHref = typeof window === "undefined" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname)}`;

  return (
    <form
      className="space-y-8"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      {notice && <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">{notice}</p>}

      <Section title="Document">
        <Field label="Title" name="title" error={errors.title}>
          {(props) => <input {...props} value={content.title} maxLength={500} onChange={(e) => update("title", e.target.value)} className={inputClass} />}
        </Field>
        <Field label="Date" name="dateText" error={errors.dateText} hint="As written: “24 July 1957”, “September 1950”, “circa 1957”, “1955?”, “1950-09/1950-10”.">
          {(props) => (
            <>
              <input {...props} value={content.dateText} maxLength={100} onChange={(e) => update("dateText", e.target.value)} className={inputClass} />
              <p aria-live="polite" className="mt-1.5 text-sm" data-testid="date-preview">
                {content.dateText.trim() === "" ? null : datePreview.data?.ok ? (
                  <span className="text-emerald-800">Understood as {datePreview.data.description}</span>
                ) : datePreview.data ? (
                  <span className="text-seal">{datePreview.data.message}</span>
                ) : (
                  <span className="text-muted">Reading the date…</span>
                )}
              </p>
            </>
          )}
        </Field>
        <div className="grid gap-6 sm:grid-cols-3">
          <Field label="Type" name="documentType" error={errors.documentType}>
            {(props) => (
              <select {...props} value={content.documentType} onChange={(e) => update("documentType", e.target.value as DraftContent["documentType"])} className={inputClass}>
                {Object.entries(DOCUMENT_TYPE_LABELS).map(([value, label]) => <option key={value} value={value}>{value === "other" ? "Other" : label}</option>)}
              </select>
            )}
          </Field>
          <Field label="Original language" name="originalLanguage" error={errors.originalLanguage} hint="ISO 639 code: ru, ko, zh, en">
            {(props) => <input {...props} value={content.originalLanguage} maxLength={20} onChange={(e) => update("originalLanguage", e.target.value.trim())} className={inputClass} />}
          </Field>
          <Field label="Text languages" name="textLanguages" error={errors.textLanguages} hint="Of the full text, comma-separated">
            {(props) => (
              <input
                {...props}
                value={content.textLanguages.join(", ")}
                onChange={(e) => update("textLanguages", e.target.value.split(",").map((s) => s.trim()).filter(Boolean).slice(0, 10))}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </Section>

      <Section title="Content">
        <Field label="Summary" name="summary" error={errors.summary}>
          {(props) => <textarea {...props} rows={4} value={content.summary} maxLength={5000} onChange={(e) => update("summary", e.target.value)} className={inputClass} />}
        </Field>
        <Field label="Full text" name="fullText" error={errors.fullText} hint="Transcript and/or translation. Markdown: blank lines between paragraphs, *italic*, **bold**, [links](https://…).">
          {(props) => <textarea {...props} rows={14} value={content.fullText} onChange={(e) => update("fullText", e.target.value)} className={`${inputClass} font-serif`} />}
        </Field>
      </Section>

      <Section title="Source and rights">
        <div className="grid gap-6 sm:grid-cols-2">
          <Field label="Source archive" name="sourceArchive" error={errors.sourceArchive}>
            {(props) => <input {...props} value={content.sourceArchive} maxLength={500} onChange={(e) => update("sourceArchive", e.target.value)} className={inputClass} />}
          </Field>
          <Field label="Locator" name="sourceLocator" error={errors.sourceLocator} hint="e.g. fond 0102, opis 13, delo 5">
            {(props) => <input {...props} value={content.sourceLocator} maxLength={500} onChange={(e) => update("sourceLocator", e.target.value)} className={inputClass} />}
          </Field>
        </div>
        <Field label="Rights" name="rights" error={errors.rights}>
          {(props) => <input {...props} value={content.rights} maxLength={2000} onChange={(e) => update("rights", e.target.value)} className={inputClass} />}
        </Field>
        <fieldset>
          <legend className="text-sm font-medium">Credits</legend>
          {errors.credits && <p className="mt-1 text-sm text-seal">{errors.credits}</p>}
          <ul className="mt-2 space-y-2">
            {content.credits.map((credit, i) => (
              <li key={i} className="flex gap-2">
                <select
                  aria-label={`Credit ${i + 1} role`}
                  value={credit.role}
                  onChange={(e) => update("credits", content.credits.map((c, j) => (j === i ? { ...c, role: e.target.value as typeof c.role } : c)))}
                  className={`${inputClass} w-44`}
                >
                  {CREDIT_ROLES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                <input
                  aria-label={`Credit ${i + 1} name`}
                  value={credit.name}
                  maxLength={200}
                  onChange={(e) => update("credits", content.credits.map((c, j) => (j === i ? { ...c, name: e.target.value } : c)))}
                  className={inputClass}
                />
                <button type="button" onClick={() => update("credits", content.credits.filter((_, j) => j !== i))} className="text-sm text-seal">
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => update("credits", [...content.credits, { role: "translated_by", name: "" }])} className="mt-2 text-sm text-accent">
            + Add a credit
          </button>
        </fieldset>
      </Section>

      <Section title="Collections and links">
        <fieldset>
          <legend className="text-sm font-medium">Collections</legend>
          <div className="mt-2 grid gap-1.5 sm:grid-cols-2">
            {collections.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={content.collectionIds.includes(c.id)}
                  onChange={(e) =>
                    update("collectionIds", e.target.checked ? [...content.collectionIds, c.id].sort((a, b) => a - b) : content.collectionIds.filter((id) => id !== c.id))
                  }
                />
                {c.title}
              </label>
            ))}
          </div>
        </fieldset>
        <MentionsField mentions={content.mentions} labels={labels} addLabels={addLabels} onChange={(m) => update("mentions", m)} error={errors.mentions} />
        <LinksField recordId={mode.kind === "new" ? null : mode.recordId} links={content.links} labels={labels} addLabels={addLabels} onChange={(l) => update("links", l)} error={errors.links} />
      </Section>

      <Section title="Submit for review">
        <Field label="What changed and why (required)" name="message" error={errors.message} hint="Reviewers read this first.">
          {(props) => <textarea {...props} aria-required rows={2} value={message} maxLength={2000} onChange={(e) => { setMessage(e.target.value); setDirty(true); }} className={inputClass} />}
        </Field>
        {errors.form && <p role="alert" className="text-sm text-seal">{errors.form}</p>}
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" disabled={submitMutation.isPending || status.kind === "signed-out"} className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
            {submitMutation.isPending ? "Submitting…" : "Submit for review"}
          </button>
          <button type="button" onClick={() => void save()} disabled={saveMutation.isPending} className="rounded border border-accent px-4 py-2 text-sm text-accent disabled:opacity-50">
            Save draft
          </button>
          <SaveStatus status={status} dirty={dirty} signInHref={signInHref} />
        </div>
      </Section>
    </form>
  );
}

const inputClass = "mt-1 block w-full rounded border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-accent focus:outline-none";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-5 rounded border border-rule bg-white p-5">
      <h2 className="font-serif text-xl font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = `field-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {hint && <p id={`${id}-hint`} className="text-xs text-muted">{hint}</p>}
      {children({ id, name, "aria-invalid": !!error, "aria-describedby": described })}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-seal">{error}</p>}
    </div>
  );
}

function SaveStatus({ status, dirty, signInHref }: { status: Status; dirty: boolean; signInHref: string }) {
  const text =
    status.kind === "saving"
      ? "Saving…"
      : status.kind === "saved" && !dirty
        ? `Draft saved at ${status.at?.toLocaleTimeString()}`
        : status.kind === "error"
          ? `Not saved: ${status.message}`
          : status.kind === "signed-out"
            ? status.message
            : dirty
              ? "Unsaved changes (kept on this device)"
              : "";
  return (
    <p role="status" className={`text-sm ${status.kind === "error" || status.kind === "signed-out" ? "text-seal" : "text-muted"}`} data-testid="save-status">
      {text}
      {status.kind === "signed-out" && (
        <>
          {" "}
          <a href={signInHref}>Sign in again</a>
        </>
      )}
    </p>
  );
}
