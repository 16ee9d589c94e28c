// Field-level diffs between two versions of a record's content: changed fields only; text
// word by word (jsdiff's diffWords, the kept diff library), lists as added/removed items.
import { diffWords } from "diff";
import type { DbOrTx } from "../db";
import { CONTENT_FIELDS, type ContentField, type RecordContent } from "../records/content";
import { LINK_LABELS } from "../records/links";
import { canonicalJson } from "./merge";

export interface WordPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** One changed field: a record content field, or an entity's (names, type, description...). */
export type FieldDiff =
  | { field: string; label: string; kind: "text"; parts: WordPart[]; wordsAdded: number; wordsRemoved: number }
  | { field: string; label: string; kind: "value"; before: string; after: string }
  | { field: string; label: string; kind: "list"; added: string[]; removed: string[] };

export interface ContentDiff {
  fields: FieldDiff[];
  /** "How much changed": fields, and words for text fields. */
  fieldsChanged: number;
  wordsAdded: number;
  wordsRemoved: number;
}

/** Names for the ids content refers to, so lists read as names rather than numbers. */
export interface ReferenceLabels {
  collections: Map<number, string>;
  entities: Map<number, string>;
  names: Map<number, string>;
  records: Map<number, string>;
}

const WORD_FIELDS = new Set<ContentField>(["title", "summary", "fullText"]);
const countWords = (s: string) => (s.match(/\S+/g) ?? []).length;

export function describeItem(field: ContentField, item: unknown, labels: ReferenceLabels): string {
  switch (field) {
    case "collectionIds":
      return labels.collections.get(item as number) ?? `Collection ${String(item)}`;
    case "mentions": {
      const m = item as RecordContent["mentions"][number];
      if (m.newEntity) return `${m.newEntity.name} (new ${m.newEntity.type}, created on approval; ${m.role})`;
      const name = labels.entities.get(m.entityId!) ?? `Entity ${m.entityId}`;
      const asWritten = m.nameId ? labels.names.get(m.nameId) : undefined;
      return `${name} (${m.role}${asWritten && asWritten !== name ? `, as “${asWritten}”` : ""})`;
    }
    case "links": {
      const l = item as RecordContent["links"][number];
      const title = labels.records.get(l.targetRecordId) ?? `Record ${l.targetRecordId}`;
      return `${LINK_LABELS[l.type].outgoing} ${title}${l.note ? ` (${l.note})` : ""}`;
    }
    case "credits": {
      const c = item as RecordContent["credits"][number];
      return `${c.role.replace(/_/g, " ")}: ${c.name}`;
    }
    default:
      return String(item);
  }
}

function describeValue(field: ContentField, value: unknown): string {
  if (field === "documentType") return String(value).replace(/_/g, " ");
  return value === "" || value === undefined || value === null ? "—" : String(value);
}

/** A field's value as text, for showing both sides of a conflict. */
export function describeField(field: ContentField, value: unknown, labels: ReferenceLabels): string {
  if (Array.isArray(value)) return value.length ? value.map((item) => describeItem(field, item, labels)).join("\n") : "(none)";
  return describeValue(field, value);
}

/** The changed fields from `before` (null: a new record) to `after`. */
export function diffContent(before: RecordContent | null, after: RecordContent, labels: ReferenceLabels): ContentDiff {
  const fields: FieldDiff[] = [];
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const [field, label] of CONTENT_FIELDS) {
    const a = before?.[field];
    const b = after[field];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    // A new record: only the fields it fills in.
    if (!before && (b === "" || (Array.isArray(b) && b.length === 0))) continue;
    if (WORD_FIELDS.has(field)) {
      const parts = diffWords(String(a ?? ""), String(b ?? "")).map(({ value, added, removed }) => ({ value, added, removed }));
      const added = parts.filter((p) => p.added).reduce((n, p) => n + countWords(p.value), 0);
      const removed = parts.filter((p) => p.removed).reduce((n, p) => n + countWords(p.value), 0);
      wordsAdded += added;
      wordsRemoved += removed;
      fields.push({ field, label, kind: "text", parts, wordsAdded: added, wordsRemoved: removed });
    } else if (Array.isArray(b)) {
      const key = canonicalJson;
      const beforeKeys = new Set(((a as unknown[] | undefined) ?? []).map(key));
      const afterKeys = new Set(b.map(key));
      fields.push({
        field,
        label,
        kind: "list",
        added: b.filter((x) => !beforeKeys.has(key(x))).map((x) => describeItem(field, x, labels)),
        removed: ((a as unknown[] | undefined) ?? []).filter((x) => !afterKeys.has(key(x))).map((x) => describeItem(field, x, labels)),
      });
    } else {
      fields.push({ field, label, kind: "value", before: before ? describeValue(field, a) : "—", after: describeValue(field, b) });
    }
  }
  return { fields, fieldsChanged: fields.length, wordsAdded, wordsRemoved };
}

/** Loads display names for every id the given contents refer to. */
export async function loadReferenceLabels(db: DbOrTx, contents: (RecordContent | null | undefined)[]): Promise<ReferenceLabels> {
  const all = contents.filter((c): c is RecordContent => !!c);
  const ids = <T,>(pick: (c: RecordContent) => T[]) => [...new Set(all.flatMap(pick))];
  const [collections, entities, names, records] = await Promise.all([
    db.collection.findMany({ where: { id: { in: ids((c) => c.collectionIds) } }, select: { id: true, title: true } }),
    db.entityName.findMany({
      where: { entityId: { in: ids((c) => c.mentions.flatMap((m) => (m.entityId !== undefined ? [m.entityId] : []))) }, isPreferred: true },
      select: { entityId: true, name: true },
    }),
    db.entityName.findMany({ where: { id: { in: ids((c) => c.mentions.flatMap((m) => (m.nameId ? [m.nameId] : []))) } }, select: { id: true, name: true } }),
    // Titles of public records only: a link to a withdrawn or never-published record shows as
    // "Record 7" to everyone who reads a draft, a diff or a history (editors may not read it).
    db.recordRevision.findMany({
      where: { publishedFor: { is: { id: { in: ids((c) => c.links.map((l) => l.targetRecordId)) }, status: "published" } } },
      select: { recordId: true, title: true },
    }),
  ]);
  return {
    collections: new Map(collections.map((c) => [c.id, c.title])),
    entities: new Map(entities.map((e) => [e.entityId, e.name])),
    names: new Map(names.map((n) => [n.id, n.name])),
    records: new Map(records.map((r) => [r.recordId, r.title])),
  };
}
