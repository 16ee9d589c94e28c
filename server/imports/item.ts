// An import item's proposed content as stored: the record's fields, and its mentions and
// collections as references to the import's entities and collections (import_references), which
// exist or are created when the first record using them is published.
import { z } from "zod";
import { LinkType, MentionRole } from "../generated/prisma/enums";
import type { RecordContent } from "../records/content";

export const storedItemSchema = z.object({
  /** The record's content without mentions and collections (they are in `mentions`/`collections`). */
  content: z.record(z.string(), z.unknown()),
  /** "entity:12" for an existing entity, or an import reference key. */
  mentions: z.array(z.object({ ref: z.string(), role: z.enum(MentionRole), nameId: z.int32().positive().optional() })),
  /** "collection-id:3" for an existing collection, or an import reference key. */
  collections: z.array(z.string()),
  links: z.array(z.object({ targetRecordId: z.int32().positive(), type: z.enum(LinkType), note: z.string() })),
});

export type StoredItem = z.output<typeof storedItemSchema>;

export const entityRef = (id: number) => `entity:${id}`;
export const collectionRef = (id: number) => `collection-id:${id}`;

/** The id a reference names directly ("entity:12" -> 12), if it is one. */
export function directId(ref: string): number | undefined {
  const match = ref.match(/^(?:entity|collection-id):(\d+)$/);
  return match ? Number(match[1]) : undefined;
}

/** What a reference stands for once resolved: an id, or (before it exists) what it will be. */
export type Resolved = { id: number } | { type: "person" | "organization" | "place" | "subject" | "collection"; label: string };

/**
 * The item as record content. References that have no id yet become "new entity" mentions (how
 * the review screens show an entity created on approval); unknown collections are left out.
 */
export function itemContent(item: StoredItem, resolve: (ref: string) => Resolved | undefined): RecordContent {
  const mentions: RecordContent["mentions"] = [];
  for (const m of item.mentions) {
    const target = resolve(m.ref);
    if (!target) continue;
    if ("id" in target) mentions.push({ entityId: target.id, role: m.role, ...(m.nameId ? { nameId: m.nameId } : {}) });
    else if (target.type !== "collection") mentions.push({ newEntity: { type: target.type, name: target.label, language: "" }, role: m.role });
  }
  const collectionIds = item.collections.flatMap((ref) => {
    const target = resolve(ref);
    return target && "id" in target ? [target.id] : [];
  });
  return { ...(item.content as Omit<RecordContent, "mentions" | "collectionIds" | "links">), mentions, collectionIds: [...new Set(collectionIds)].sort((a, b) => a - b), links: item.links };
}
