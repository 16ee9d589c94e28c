// A CSV's column mapping: which column fills which record field, how lists inside a cell are
// separated, and defaults for what the file does not say. Saved by name for the next file of the
// same shape; columns are named by their header, so a saved mapping survives reordered columns.
// Isomorphic: the mapping step in the browser uses the same tables.
import { z } from "zod";
import { DocumentType } from "../generated/prisma/enums";

/** The encodings a file can be read in (decoded by formats/decode.ts). */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Where a column can go, with the label the mapping step shows. */
export const COLUMN_TARGETS = {
  ignore: "(not imported)",
  id: "Dossier record id (updates that record)",
  key: "Identifier in your catalogue (a later import of it updates the record)",
  title: "Title",
  dateText: "Date (as written)",
  summary: "Summary",
  fullText: "Full text",
  originalLanguage: "Original language (ISO code)",
  textLanguages: "Languages of the text (ISO codes)",
  documentType: "Document type",
  sourceArchive: "Source archive",
  sourceLocator: "Locator in the archive",
  rights: "Rights",
  translatedBy: "Translated by",
  obtainedBy: "Obtained by",
  people: "People mentioned",
  authors: "Authors",
  recipients: "Recipients",
  places: "Places",
  organizations: "Organizations",
  subjects: "Subjects",
  collections: "Collections (titles or slugs)",
} as const;

export type ColumnTarget = keyof typeof COLUMN_TARGETS;
export const COLUMN_TARGET_KEYS = Object.keys(COLUMN_TARGETS) as [ColumnTarget, ...ColumnTarget[]];

/** Targets that take one column at most. */
export const SINGLE_TARGETS: ColumnTarget[] = [
  "id", "key", "title", "dateText", "summary", "fullText", "originalLanguage", "textLanguages",
  "documentType", "sourceArchive", "sourceLocator", "rights",
];

export const DELIMITERS = { ",": "Comma", ";": "Semicolon", "\t": "Tab", "|": "Vertical bar" } as const;
export type Delimiter = keyof typeof DELIMITERS;

export const MAX_COLUMNS = 500;

export const csvMappingSchema = z
  .object({
    delimiter: z.enum(Object.keys(DELIMITERS) as [Delimiter, ...Delimiter[]]).optional(),
    encoding: z.enum(ENCODINGS).optional(),
    columns: z
      .array(z.object({ header: z.string().max(500), target: z.enum(COLUMN_TARGET_KEYS) }))
      .max(MAX_COLUMNS, `At most ${MAX_COLUMNS} columns`),
    /** Separates several names (or languages, or collections) in one cell. */
    listSeparator: z.string().trim().min(1, "Choose a list separator").max(3).default(";"),
    defaults: z
      .object({
        originalLanguage: z.string().trim().max(20).default(""),
        documentType: z.enum(DocumentType).default("other"),
        sourceArchive: z.string().trim().max(500).default(""),
        rights: z.string().trim().max(2_000).default(""),
      })
      .default({ originalLanguage: "", documentType: "other", sourceArchive: "", rights: "" }),
  })
  .superRefine((mapping, ctx) => {
    for (const target of SINGLE_TARGETS) {
      if (mapping.columns.filter((c) => c.target === target).length > 1) {
        ctx.addIssue({ code: "custom", path: ["columns"], message: `Only one column can be the ${COLUMN_TARGETS[target].toLowerCase()}.` });
      }
    }
    if (!mapping.columns.some((c) => c.target === "title" || c.target === "id" || c.target === "key")) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: "Map a column to the title (or to a record id or identifier, to update records)." });
    }
  });

export type CsvMapping = z.output<typeof csvMappingSchema>;

const SYNONYMS: Record<Exclude<ColumnTarget, "ignore">, string[]> = {
  id: ["id", "recordid", "dossierid", "dossierrecordid"],
  key: ["identifier", "key", "externalid", "legacyid", "catalogueid", "catalogid", "refcode", "referencecode", "docid", "documentid"],
  title: ["title", "heading", "documenttitle"],
  dateText: ["date", "datetext", "datewritten", "when", "documentdate"],
  summary: ["summary", "abstract", "description", "scopeandcontent"],
  fullText: ["fulltext", "text", "transcript", "transcription", "body", "translation", "content"],
  originalLanguage: ["language", "originallanguage", "lang", "languageoforiginal"],
  textLanguages: ["textlanguages", "textlanguage", "languageoftext", "translationlanguage"],
  documentType: ["type", "documenttype", "doctype", "kind", "genre", "form"],
  sourceArchive: ["archive", "sourcearchive", "repository", "source", "holdinginstitution"],
  sourceLocator: ["locator", "sourcelocator", "callnumber", "shelfmark", "reference", "location", "archivallocation", "fondopisdelo"],
  rights: ["rights", "license", "licence", "copyright"],
  translatedBy: ["translatedby", "translator"],
  obtainedBy: ["obtainedby", "obtained"],
  people: ["people", "persons", "person", "names", "peoplementioned"],
  authors: ["author", "authors", "from", "sender", "creator", "creators"],
  recipients: ["recipient", "recipients", "to", "addressee", "addressees"],
  places: ["places", "place", "geographicnames", "locations"],
  organizations: ["organizations", "organisations", "organization", "organisation", "orgs", "corporatebodies"],
  subjects: ["subjects", "subject", "topics", "keywords", "tags"],
  collections: ["collection", "collections", "series", "fonds"],
};

const fold = (header: string) => header.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");

/** The mapping a person would most likely choose for these headers (each target used once). */
export function guessColumns(headers: string[]): CsvMapping["columns"] {
  const used = new Set<ColumnTarget>();
  return headers.map((header) => {
    const folded = fold(header);
    const target = (Object.keys(SYNONYMS) as Exclude<ColumnTarget, "ignore">[]).find(
      (t) => SYNONYMS[t].includes(folded) && !(SINGLE_TARGETS.includes(t) && used.has(t)),
    );
    if (!target) return { header, target: "ignore" as const };
    used.add(target);
    return { header, target };
  });
}
