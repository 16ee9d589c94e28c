// Three-way merge of record content: the base revision a change request started from, the
// record's current revision, and the proposal. Per field: a field changed on one side only takes
// that side; the same change on both sides is taken once; different changes are a conflict.
// Long text merges per paragraph (node-diff3, a kept diff3 implementation), so edits to
// different paragraphs of the same text both survive. Keyed lists (mentions, links, credits,
// collections, languages) merge per item. A conflict is never resolved silently: it comes back
// with both versions, and a suggested result that keeps both sides' text.
import { diff3Merge } from "node-diff3";
import { CONTENT_FIELDS, type ContentField, mentionKey, type RecordContent } from "../records/content";
import { CONFLICT_MARKERS } from "./markers";

export interface FieldConflict {
  field: ContentField;
  base: unknown;
  current: unknown;
  proposed: unknown;
  /** A starting point for the resolution that drops neither side's text. */
  suggestion: unknown;
}

export interface MergeResult {
  /** The merged content; conflicting fields hold the current value until resolved. */
  content: RecordContent;
  conflicts: FieldConflict[];
  /** Fields changed on both sides that merged cleanly (paragraphs or items apart). */
  merged: ContentField[];
  /** Fields the proposal changes relative to its base. */
  proposedChanges: ContentField[];
  /** Fields the record changed since the base. */
  currentChanges: ContentField[];
}

const TEXT_FIELDS = new Set<ContentField>(["summary", "fullText"]);

/** JSON with object keys sorted: content read back from jsonb has its keys reordered. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Item identity within a keyed list field; the rest of the item is its value. */
const ITEM_KEYS: Partial<Record<ContentField, (item: never) => string>> = {
  textLanguages: (l: string) => l,
  collectionIds: (id: number) => String(id),
  credits: (c: { role: string; name: string }) => `${c.role}:${c.name}`,
  mentions: mentionKey,
  links: (l: { targetRecordId: number; type: string }) => `${l.targetRecordId}:${l.type}`,
};

export const splitParagraphs = (text: string) => (text === "" ? [] : text.split(/\n{2,}/));
const joinParagraphs = (paragraphs: string[]) => paragraphs.join("\n\n");

type Outcome<T> = { ok: true; value: T; merged: boolean } | { ok: false; suggestion: T };

function mergeScalar<T>(base: T, current: T, proposed: T): Outcome<T> {
  if (same(proposed, base) || same(proposed, current)) return { ok: true, value: current, merged: false };
  if (same(current, base)) return { ok: true, value: proposed, merged: false };
  return { ok: false, suggestion: proposed };
}

/** Paragraph-level three-way merge. The suggestion for a conflict keeps both sides' paragraphs, marked. */
export function mergeText(base: string, current: string, proposed: string): Outcome<string> {
  const simple = mergeScalar(base, current, proposed);
  if (simple.ok) return simple;
  const regions = diff3Merge(splitParagraphs(current), splitParagraphs(base), splitParagraphs(proposed), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicted = false;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else {
      // diff3 joins edits that touch (paragraph 3 changed here, paragraph 4 there) into one
      // conflict. Where neither side added or removed paragraphs in it, merge paragraph by
      // paragraph: only a paragraph both sides changed differently needs a person.
      const { a, o, b } = region.conflict!;
      const pairwise = a.length === o.length && b.length === o.length ? o.map((p, i) => mergeScalar(p, a[i]!, b[i]!)) : null;
      if (pairwise?.every((m) => m.ok)) {
        out.push(...pairwise.map((m) => (m.ok ? m.value : "")));
        continue;
      }
      conflicted = true;
      // Both versions, current first, each marked: nothing is dropped; the reviewer trims.
      out.push(CONFLICT_MARKERS.current, ...a, CONFLICT_MARKERS.proposed, ...b.filter((p) => !a.includes(p)), CONFLICT_MARKERS.end);
    }
  }
  const text = joinParagraphs(out);
  return conflicted ? { ok: false, suggestion: text } : { ok: true, value: text, merged: true };
}

/** Per-item three-way merge of a keyed list: additions and removals on either side both apply. */
function mergeList<T>(key: (item: T) => string, base: T[], current: T[], proposed: T[]): Outcome<T[]> {
  const simple = mergeScalar(base, current, proposed);
  if (simple.ok) return simple;
  const index = (items: T[]) => new Map(items.map((item) => [key(item), item]));
  const [b, c, p] = [index(base), index(current), index(proposed)];
  const keys = [...new Set([...c.keys(), ...p.keys(), ...b.keys()])];
  const value: T[] = [];
  const union: T[] = [];
  let conflicted = false;
  for (const k of keys) {
    const item = mergeScalar(b.get(k), c.get(k), p.get(k));
    if (item.ok) {
      if (item.value !== undefined) value.push(item.value);
    } else conflicted = true;
    // The suggestion keeps every item either side has.
    const kept = p.get(k) ?? c.get(k);
    if (kept !== undefined) union.push(kept);
  }
  return conflicted ? { ok: false, suggestion: union } : { ok: true, value, merged: true };
}

export function mergeContent(base: RecordContent, current: RecordContent, proposed: RecordContent): MergeResult {
  const content = { ...current } as Record<ContentField, unknown>;
  const result: MergeResult = { content: content as RecordContent, conflicts: [], merged: [], proposedChanges: [], currentChanges: [] };
  for (const [field] of CONTENT_FIELDS) {
    const [b, c, p] = [base[field], current[field], proposed[field]];
    if (!same(b, p)) result.proposedChanges.push(field);
    if (!same(b, c)) result.currentChanges.push(field);
    const keyOf = ITEM_KEYS[field] as ((item: unknown) => string) | undefined;
    const outcome = TEXT_FIELDS.has(field)
      ? mergeText(b as string, c as string, p as string)
      : keyOf
        ? mergeList(keyOf, b as unknown[], c as unknown[], p as unknown[])
        : mergeScalar(b, c, p);
    if (outcome.ok) {
      content[field] = outcome.value;
      if (outcome.merged) result.merged.push(field);
    } else {
      result.conflicts.push({ field, base: b, current: c, proposed: p, suggestion: outcome.suggestion });
    }
  }
  return result;
}
