"use client";
// The record editor's mentions (people, organizations, places, subjects, each with a role and
// the name the document uses) and typed links to other records, each with a picker.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Combobox } from "@/components/ui/combobox";
import type { DraftContent } from "@/server/records/content";
import { ENTITY_TYPE_LABELS } from "./labels";

/** Display names: "entity:12" (preferred name), "name:40" (a variant), "record:7" (a title). */
export type Labels = Record<string, string>;

const ROLES = [
  ["mentioned", "Mentioned"],
  ["author", "Author"],
  ["recipient", "Recipient"],
] as const;

const LINK_TYPES = [
  ["related_to", "Related to"],
  ["reply_to", "Reply to"],
  ["enclosure_of", "Enclosure of"],
  ["translation_of", "Translation of"],
  ["same_event", "Same event as"],
  ["continues", "Continues"],
] as const;

const KINDS = [
  ["person", "Person"],
  ["organization", "Organization"],
  ["place", "Place"],
  ["subject", "Subject"],
] as const;

type NewEntity = NonNullable<DraftContent["mentions"][number]["newEntity"]>;

/** A picker row: an existing entity matched by one of its names, or "create what was typed". */
interface PickOption {
  key: string;
  label: string;
  hint?: string;
  entityId?: number;
  nameId?: number;
  name?: string;
  preferred?: string;
  create?: string;
}

const selectClass = "rounded border border-stone-300 bg-white px-2 py-1 text-sm";

export function MentionsField({
  mentions,
  labels,
  onChange,
  addLabels,
  error,
}: {
  mentions: DraftContent["mentions"];
  labels: Labels;
  onChange: (mentions: DraftContent["mentions"]) => void;
  addLabels: (labels: Labels) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const [creating, setCreating] = useState<NewEntity | null>(null);
  const useOptions = (q: string) => {
    const query = useQuery({ ...trpc.entities.pick.queryOptions({ q, limit: 8 }), enabled: q.length >= 1, staleTime: 30_000 });
    const found: PickOption[] = (query.data ?? []).map((m) => ({
      ...m,
      key: `${m.entityId}:${m.nameId}`,
      label: m.preferred,
      hint: [ENTITY_TYPE_LABELS[m.type]?.singular, m.datesText, m.name !== m.preferred ? `matched as ${m.name}` : ""].filter(Boolean).join(" · "),
    }));
    // Always offer to create what was typed: the picker may not know this person yet.
    const create: PickOption = { key: "create", label: `Create “${q}”`, hint: "a new person, organization, place or subject", create: q };
    return { loading: query.isFetching, options: q.trim() ? [...found, create] : found };
  };
  return (
    <fieldset>
      <legend className="text-sm font-medium">People, organizations, places and subjects</legend>
      {error && <p className="mt-1 text-sm text-seal">{error}</p>}
      {mentions.length === 0 ? (
        <p className="mt-1 text-sm text-muted">None yet.</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm" aria-label="Mentions">
          {mentions.map((m, i) => {
            const name = m.newEntity ? m.newEntity.name : (labels[`entity:${m.entityId}`] ?? `Entity ${m.entityId}`);
            const asWritten = m.nameId ? labels[`name:${m.nameId}`] : undefined;
            return (
              <li key={`${m.entityId ?? `new:${m.newEntity?.name}`}:${m.role}`} className="flex flex-wrap items-center gap-3">
                <span className="font-medium">{name}</span>
                {m.newEntity && (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                    new {ENTITY_TYPE_LABELS[m.newEntity.type]?.singular.toLowerCase()}, created when the record is approved
                  </span>
                )}
                {asWritten && asWritten !== name && <span className="text-muted">as “{asWritten}”</span>}
                <select aria-label={`Role of ${name}`} value={m.role} className={selectClass}
                  onChange={(e) => onChange(mentions.map((x, j) => (j === i ? { ...x, role: e.target.value as typeof m.role } : x)))}>
                  {ROLES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                <button type="button" onClick={() => onChange(mentions.filter((_, j) => j !== i))} className="text-xs text-seal">Remove</button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-3 max-w-md">
        <Combobox
          label="Add a person, organization, place or subject"
          placeholder="Any spelling: Choe Yeonggeon, 최용건…"
          options={useOptions}
          onPick={(m) => {
            if (m.create !== undefined) return setCreating({ name: m.create.trim(), type: "person", language: "" });
            if (mentions.some((x) => x.entityId === m.entityId && x.role === "mentioned")) return;
            addLabels({ [`entity:${m.entityId}`]: m.preferred!, [`name:${m.nameId}`]: m.name! });
            onChange([...mentions, { entityId: m.entityId!, role: "mentioned", ...(m.name !== m.preferred ? { nameId: m.nameId } : {}) }]);
          }}
        />
      </div>
      {creating && (
        <div className="mt-3 max-w-xl space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm" role="group" aria-label="New entity">
          <p>A new authority record, created when a reviewer approves this record. Add its variant names later from its page.</p>
          <div className="flex flex-wrap gap-2">
            <input aria-label="New entity name" value={creating.name} maxLength={300} onChange={(e) => setCreating({ ...creating, name: e.target.value })}
              className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-2 py-1" />
            <select aria-label="New entity kind" value={creating.type} onChange={(e) => setCreating({ ...creating, type: e.target.value as NewEntity["type"] })} className={selectClass}>
              {KINDS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
            <input aria-label="New entity language" placeholder="ko-Latn" value={creating.language} maxLength={35} onChange={(e) => setCreating({ ...creating, language: e.target.value })}
              className="w-24 rounded border border-stone-300 bg-white px-2 py-1" />
          </div>
          <div className="flex gap-3">
            <button type="button" disabled={!creating.name.trim()} className="rounded bg-accent px-3 py-1 font-medium text-white disabled:opacity-50"
              onClick={() => {
                onChange([...mentions, { newEntity: { ...creating, name: creating.name.trim() }, role: "mentioned" }]);
                setCreating(null);
              }}>
              Add
            </button>
            <button type="button" onClick={() => setCreating(null)}>Cancel</button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

export function LinksField({
  recordId,
  links,
  labels,
  onChange,
  addLabels,
  error,
}: {
  recordId: number | null;
  links: DraftContent["links"];
  labels: Labels;
  onChange: (links: DraftContent["links"]) => void;
  addLabels: (labels: Labels) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const useOptions = (q: string) => {
    const query = useQuery({ ...trpc.search.query.queryOptions({ q, pageSize: 8 }), enabled: q.length >= 2, staleTime: 30_000 });
    return {
      loading: query.isFetching,
      options: (query.data?.hits ?? []).filter((h) => h.id !== recordId).map((h) => ({ key: String(h.id), id: h.id, label: h.title, hint: h.date })),
    };
  };
  return (
    <fieldset>
      <legend className="text-sm font-medium">Related documents</legend>
      {error && <p className="mt-1 text-sm text-seal">{error}</p>}
      {links.length === 0 ? (
        <p className="mt-1 text-sm text-muted">None yet.</p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-sm" aria-label="Links">
          {links.map((l, i) => {
            const title = labels[`record:${l.targetRecordId}`] ?? `Record ${l.targetRecordId}`;
            return (
              <li key={`${l.targetRecordId}:${l.type}`} className="flex flex-wrap items-center gap-3">
                <select aria-label={`Link type to ${title}`} value={l.type} className={selectClass}
                  onChange={(e) => onChange(links.map((x, j) => (j === i ? { ...x, type: e.target.value as typeof l.type } : x)))}>
                  {LINK_TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                <span>{title}</span>
                <button type="button" onClick={() => onChange(links.filter((_, j) => j !== i))} className="text-xs text-seal">Remove</button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-3 max-w-md">
        <Combobox
          label="Link another document"
          placeholder="Search by title, name or words"
          minLength={2}
          options={useOptions}
          onPick={(h) => {
            if (links.some((x) => x.targetRecordId === h.id && x.type === "related_to")) return;
            addLabels({ [`record:${h.id}`]: h.label });
            onChange([...links, { targetRecordId: h.id, type: "related_to", note: "" }]);
          }}
        />
      </div>
    </fieldset>
  );
}
