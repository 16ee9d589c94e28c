// What every file format is read into: one neutral row per record-to-be, before anything is
// checked against the archive. The readers (formats/) only say what the file says; the dry run
// (validate.ts) decides what it means.
import { coordinatesSchema } from "../entities/entities";
import type { DocumentType, LinkType, MentionRole } from "../generated/prisma/enums";
import type { CREDIT_ROLES } from "../records/content";

export type EntityKind = "person" | "organization" | "place" | "subject";

/** A problem found in a row: errors keep the row out of the import, warnings are for a person to look at. */
export interface Problem {
  level: "error" | "warning";
  /** The record field or column it is about, when there is one. */
  field?: string;
  message: string;
}

/** An entity a row refers to, by what the file gives: an id, a key of the file's own, or names. */
export interface RowEntity {
  kind: EntityKind;
  role: MentionRole;
  /** The preferred name first; the others are variants. */
  names: string[];
  description?: string;
  /** An existing Dossier entity id (JSON Lines). */
  id?: number;
  /** The file's own id for it (a TEI persons list's xml:id): one entity per key within the import. */
  fileKey?: string;
  /** The name the document uses for it, when the file says (one of the entity's names). */
  as?: string;
  /** A place's coordinates, when the file gives them (WGS 84 degrees, checked by the dry run). */
  coordinates?: { latitude: number; longitude: number };
}

export interface RowCollection {
  id?: number;
  slug?: string;
  title: string;
  description?: string;
}

/** The record fields a row can give (the same names as the record's content). */
export interface RowFields {
  title?: string;
  dateText?: string;
  summary?: string;
  fullText?: string;
  originalLanguage?: string;
  textLanguages?: string[];
  documentType?: DocumentType | string;
  sourceArchive?: string;
  sourceLocator?: string;
  rights?: string;
  credits?: { role: (typeof CREDIT_ROLES)[number] | string; name: string }[];
}

export interface ImportRow {
  /** Where in the file: "line 12", "document d2 (/TEI/text/body/div[1]/div[2])". */
  location: string;
  /** The Dossier record this row updates, when the file says so. */
  recordId?: number;
  /** The file's own identifier for the record (an identifier column, a TEI document id). */
  key?: string;
  fields: RowFields;
  entities: RowEntity[];
  collections: RowCollection[];
  links: { targetRecordId: number; type: LinkType | string; note?: string }[];
  /**
   * On update, which of the record's lists the row gives in full (a JSON line's "mentions" is the
   * record's whole list). The others are added to: a CSV column of names adds those names.
   */
  replaces?: { mentions?: boolean; collections?: boolean; links?: boolean };
  /** Values for a new record where the row gives none (a mapping's defaults); never applied to updates. */
  defaults?: RowFields;
  /** What the reader itself found wrong (a ragged row, an unreadable number). */
  problems: Problem[];
}

/**
 * Coordinates a file gives for an entity, checked as the entity form checks them: a place's valid
 * point is kept; anything else is left out with a warning (the entity is still linked).
 */
export function fileCoordinates(
  kind: EntityKind,
  name: string,
  given: { latitude: unknown; longitude: unknown },
): { coordinates?: { latitude: number; longitude: number }; problem?: Problem } {
  if (kind !== "place") return { problem: { level: "warning", field: "mentions", message: `“${name}” is a ${kind}; only a place has coordinates, so they are left out.` } };
  const parsed = coordinatesSchema.safeParse(given);
  if (!parsed.success) {
    return { problem: { level: "warning", field: "mentions", message: `The coordinates of “${name}” are left out: ${parsed.error.issues[0]!.message}.` } };
  }
  return { coordinates: parsed.data };
}

/** A reader's answer: rows, one at a time, in file order. */
export type RowSource = AsyncIterable<ImportRow>;

/** Thrown by a reader when the file cannot be read at all: nothing of it is imported. */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableFile";
  }
}
