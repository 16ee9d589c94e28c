// The curated content of a record, as proposed in a change request and stored in a revision.
import { z } from "zod";
import { oneLine } from "../http/safe-text";
import { DateParseError, parseImpreciseDate } from "../dates/imprecise-date";
import { normalizeName } from "../entities/names";
import { DocumentType, EntityType, LinkType, MentionRole } from "../generated/prisma/enums";

const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (label: string, max: number) =>
  z.string().trim().min(1, `Enter ${label}`).max(max, `At most ${max} characters`);
/** A one-line field (a title, a date, a name): tabs and line breaks pasted into it become spaces. */
const requiredLine = (label: string, max: number) =>
  z.string().overwrite(oneLine).min(1, `Enter ${label}`).max(max, `At most ${max} characters`);
const languageCode = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use an ISO 639 language code, e.g. ru, ko, en");

export const CREDIT_ROLES = ["obtained_by", "translated_by", "transcribed_by", "edited_by", "contributed_by"] as const;
export const creditSchema = z.object({ role: z.enum(CREDIT_ROLES), name: requiredLine("a name", 200) });

/**
 * A mention: of an existing entity (optionally under one of its names), or of a new one the
 * editor created inline from the picker. A new entity is created when the record is approved,
 * so it is reviewed with the record that introduces it.
 */
export const newEntitySchema = z.object({
  type: z.enum(EntityType),
  name: z
    .string()
    .overwrite(oneLine)
    .min(1, "Enter a name")
    .max(300, "At most 300 characters")
    .refine((n) => normalizeName(n).length > 0, "A name needs at least one letter or digit"),
  language: z.string().trim().max(35).default(""),
});

const mentionSchema = z
  .object({
    entityId: z.int32().positive().optional(),
    newEntity: newEntitySchema.optional(),
    role: z.enum(MentionRole),
    nameId: z.int32().positive().optional(),
  })
  .refine((m) => (m.entityId === undefined) !== (m.newEntity === undefined), "A mention names either an existing entity or a new one")
  .refine((m) => m.newEntity === undefined || m.nameId === undefined, "A new entity has no recorded names yet");

export type Mention = z.output<typeof mentionSchema>;

/** Identity of a mention within one record: the entity (or the new one's kind and name), and the role. */
export const mentionKey = (m: Pick<Mention, "entityId" | "newEntity" | "role">) =>
  `${m.entityId ?? `new:${m.newEntity!.type}:${normalizeName(m.newEntity!.name)}`}:${m.role}`;

/** Collections, mentions and links: the same rules for drafts and submissions. */
const references = {
  collectionIds: z.array(z.int32().positive()).max(50).default([]),
  mentions: z.array(mentionSchema).max(1_000).default([]),
  links: z
    .array(z.object({ targetRecordId: z.int32().positive(), type: z.enum(LinkType), note: trimmed(500).default("") }))
    .max(200)
    .default([]),
};

export const recordContentSchema = z
  .object({
    title: requiredLine("a title", 500),
    /** The date as written; parsed into EDTF and a day range. */
    dateText: requiredLine("a date", 100),
    summary: required("a summary", 5_000),
    fullText: z.string().max(1_000_000, "The full text is limited to 1,000,000 characters").default(""),
    originalLanguage: languageCode,
    textLanguages: z.array(languageCode).max(10).default([]),
    documentType: z.enum(DocumentType),
    sourceArchive: trimmed(500).default(""),
    sourceLocator: trimmed(500).default(""),
    rights: trimmed(2_000).default(""),
    credits: z.array(creditSchema).max(20).default([]),
    ...references,
  })
  .superRefine((content, ctx) => {
    try {
      parseImpreciseDate(content.dateText);
    } catch (error) {
      if (!(error instanceof DateParseError)) throw error;
      ctx.addIssue({ code: "custom", path: ["dateText"], message: error.message });
    }
  });

export type RecordContent = z.output<typeof recordContentSchema>;
export type RecordContentInput = z.input<typeof recordContentSchema>;

/** Field order and labels, for forms, diffs and merges. */
export const CONTENT_FIELDS = [
  ["title", "Title"],
  ["dateText", "Date"],
  ["summary", "Summary"],
  ["fullText", "Full text"],
  ["originalLanguage", "Original language"],
  ["textLanguages", "Text languages"],
  ["documentType", "Type"],
  ["sourceArchive", "Source archive"],
  ["sourceLocator", "Locator"],
  ["rights", "Rights"],
  ["credits", "Credits"],
  ["collectionIds", "Collections"],
  ["mentions", "People, places and subjects"],
  ["links", "Related documents"],
] as const satisfies readonly (readonly [keyof RecordContent, string])[];

export type ContentField = (typeof CONTENT_FIELDS)[number][0];
export const CONTENT_FIELD_KEYS = CONTENT_FIELDS.map(([key]) => key) as [ContentField, ...ContentField[]];
export const FIELD_LABELS = Object.fromEntries(CONTENT_FIELDS) as Record<ContentField, string>;

/**
 * A draft: what the editor has typed so far, saved as they type. Lenient (a half-typed date or
 * an empty title is fine here) but bounded; the strict schema applies on submission.
 */
export const draftContentSchema = z.object({
  title: z.string().max(500, "At most 500 characters").default(""),
  dateText: z.string().max(100, "At most 100 characters").default(""),
  summary: z.string().max(5_000, "At most 5000 characters").default(""),
  fullText: z.string().max(1_000_000, "The full text is limited to 1,000,000 characters").default(""),
  originalLanguage: z.string().max(20).default(""),
  textLanguages: z.array(z.string().max(20)).max(10).default([]),
  documentType: z.enum(DocumentType).default("other"),
  sourceArchive: z.string().max(500).default(""),
  sourceLocator: z.string().max(500).default(""),
  rights: z.string().max(2_000).default(""),
  credits: z.array(z.object({ role: z.enum(CREDIT_ROLES), name: z.string().max(200) })).max(20).default([]),
  ...references,
});

export type DraftContent = z.output<typeof draftContentSchema>;

export const EMPTY_DRAFT: DraftContent = draftContentSchema.parse({});

/** A stored revision (with its mentions, links and collections) as editable content. */
export function revisionToContent(revision: {
  title: string;
  dateText: string;
  summary: string;
  fullText: string;
  originalLanguage: string;
  textLanguages: string[];
  documentType: DocumentType;
  sourceArchive: string;
  sourceLocator: string;
  rights: string;
  credits: unknown;
  collections: { collectionId: number }[];
  mentions: { entityId: number; role: MentionRole; nameId: number | null }[];
  links: { targetRecordId: number; type: LinkType; note: string }[];
}): RecordContent {
  const credits = Array.isArray(revision.credits) ? (revision.credits as RecordContent["credits"]) : [];
  return {
    title: revision.title,
    dateText: revision.dateText,
    summary: revision.summary,
    fullText: revision.fullText,
    originalLanguage: revision.originalLanguage,
    textLanguages: revision.textLanguages,
    documentType: revision.documentType,
    sourceArchive: revision.sourceArchive,
    sourceLocator: revision.sourceLocator,
    rights: revision.rights,
    credits,
    collectionIds: revision.collections.map((c) => c.collectionId).sort((a, b) => a - b),
    mentions: revision.mentions.map((m) => ({ entityId: m.entityId, role: m.role, ...(m.nameId ? { nameId: m.nameId } : {}) })),
    links: revision.links.map((l) => ({ targetRecordId: l.targetRecordId, type: l.type, note: l.note })),
  };
}

/** A revision's curated scalar fields. */
export const revisionFieldsSelect = {
  title: true,
  dateText: true,
  summary: true,
  fullText: true,
  originalLanguage: true,
  textLanguages: true,
  documentType: true,
  sourceArchive: true,
  sourceLocator: true,
  rights: true,
  credits: true,
} as const;

/** The Prisma select that revisionToContent needs. */
export const revisionContentSelect = {
  id: true,
  number: true,
  ...revisionFieldsSelect,
  collections: { select: { collectionId: true } },
  mentions: { select: { entityId: true, role: true, nameId: true }, orderBy: { id: "asc" } },
  links: { select: { targetRecordId: true, type: true, note: true }, orderBy: { id: "asc" } },
} as const;
