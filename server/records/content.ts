// The curated content of a record, as proposed in a change request and stored in a revision.
import { z } from "zod";
import { DateParseError, parseImpreciseDate } from "../dates/imprecise-date";
import { DocumentType, LinkType, MentionRole } from "../generated/prisma/enums";

const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (label: string, max: number) =>
  z.string().trim().min(1, `Enter ${label}`).max(max, `At most ${max} characters`);
const languageCode = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use an ISO 639 language code, e.g. ru, ko, en");

export const CREDIT_ROLES = ["obtained_by", "translated_by", "transcribed_by", "edited_by", "contributed_by"] as const;
export const creditSchema = z.object({ role: z.enum(CREDIT_ROLES), name: required("a name", 200) });

export const recordContentSchema = z
  .object({
    title: required("a title", 500),
    /** The date as written; parsed into EDTF and a day range. */
    dateText: required("a date", 100),
    summary: required("a summary", 5_000),
    fullText: z.string().max(1_000_000, "The full text is limited to 1,000,000 characters").default(""),
    originalLanguage: languageCode,
    textLanguages: z.array(languageCode).max(10).default([]),
    documentType: z.enum(DocumentType),
    sourceArchive: trimmed(500).default(""),
    sourceLocator: trimmed(500).default(""),
    rights: trimmed(2_000).default(""),
    credits: z.array(creditSchema).max(20).default([]),
    collectionIds: z.array(z.int().positive()).max(50).default([]),
    mentions: z
      .array(z.object({ entityId: z.int().positive(), role: z.enum(MentionRole), nameId: z.int().positive().optional() }))
      .max(1_000)
      .default([]),
    links: z
      .array(z.object({ targetRecordId: z.int().positive(), type: z.enum(LinkType), note: trimmed(500).default("") }))
      .max(200)
      .default([]),
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
