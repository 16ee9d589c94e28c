// What the OAI-PMH provider reads: published and withdrawn records in id order, one page per
// statement, with the fields each metadata format writes. Withdrawn records stay listed as
// deleted (the repository's deletedRecord policy is "persistent"); drafts never appear.
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { OaiDate } from "./arguments";

const { sql, empty } = Prisma;

/** The harvest's selection: datestamps from/until (inclusive, at their granularity) and a set (a collection's slug). */
export type Selection = { from?: OaiDate; until?: OaiDate; set?: string };

export type OaiMention = { role: "author" | "recipient" | "mentioned"; type: "person" | "organization" | "place" | "subject"; id: number; name: string };

export type OaiItem = {
  id: number;
  deleted: boolean;
  /** UTC, to the second: "2026-12-01T10:00:00Z". */
  datestamp: string;
  sets: string[];
  /** The published revision's fields; absent for deleted records and for headers only. */
  revision?: {
    number: number;
    title: string;
    dateText: string;
    dateEdtf: string;
    summary: string;
    originalLanguage: string;
    textLanguages: string[];
    documentType: string;
    sourceArchive: string;
    sourceLocator: string;
    rights: string;
    credits: { role: string; name: string }[];
    mentions: OaiMention[];
  };
};

/** The end of the selected interval, exclusive: `until` covers its whole day, or its whole second. */
function untilExclusive(until: OaiDate): Date {
  return new Date(until.at.getTime() + (until.granularity === "day" ? 86_400_000 : 1_000));
}

/**
 * Datestamps are stored as UTC without a zone (as Prisma stores every DateTime): compared and
 * read as UTC text, whatever the session's or the server's time zone.
 */
function utc(at: Date): string {
  return at.toISOString().slice(0, 23);
}
const DATESTAMP = sql`to_char(r.public_changed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

function where(selection: Selection, afterId = 0): Prisma.Sql {
  // An interval ending after the year 9999 (until=9999-12-31 covers its whole day) has no end.
  const end = selection.until ? untilExclusive(selection.until) : null;
  return sql`r.status IN ('published', 'withdrawn') AND r.id > ${afterId}
    ${selection.from ? sql`AND r.public_changed_at >= ${utc(selection.from.at)}::timestamp` : empty}
    ${end && end.getUTCFullYear() <= 9999 ? sql`AND r.public_changed_at < ${utc(end)}::timestamp` : empty}
    ${selection.set ? sql`AND EXISTS (SELECT 1 FROM revision_collections rc JOIN collections c ON c.id = rc.collection_id WHERE rc.revision_id = r.published_revision_id AND c.slug = ${selection.set})` : empty}`;
}

/**
 * The next `limit` items after record `afterId`, in id order: a page that concurrent edits
 * cannot shift (an edited record keeps its id, so it is listed once, with its state when its
 * page is read). `full`: with the revision's fields (ListRecords, GetRecord), else headers.
 */
export async function listItems(db: Db, selection: Selection, afterId: number, limit: number, full: boolean): Promise<OaiItem[]> {
  type Row = { id: number; status: string; datestamp: string; sets: string[]; revision: OaiItem["revision"] | null };
  const rows = await readRows<Row>(db, sql`
    SELECT r.id, r.status::text AS status, ${DATESTAMP} AS datestamp,
      ARRAY(SELECT c.slug FROM revision_collections rc JOIN collections c ON c.id = rc.collection_id
            WHERE rc.revision_id = r.published_revision_id ORDER BY c.slug) AS sets,
      ${full ? revisionJson : sql`NULL::json`} AS revision
    FROM records r ${full ? sql`JOIN record_revisions rv ON rv.id = r.published_revision_id` : empty}
    WHERE ${where(selection, afterId)}
    ORDER BY r.id
    LIMIT ${limit}`);
  return rows.map((row) => {
    const deleted = row.status === "withdrawn";
    return { id: row.id, deleted, datestamp: row.datestamp, sets: row.sets, ...(row.revision && !deleted ? { revision: row.revision } : {}) };
  });
}

/** The published revision's fields and mentions (by the surviving entity's preferred name), as one JSON value. */
const revisionJson = sql`CASE WHEN r.status = 'published' THEN json_build_object(
  'number', rv.number, 'title', rv.title, 'dateText', rv.date_text, 'dateEdtf', rv.date_edtf, 'summary', rv.summary,
  'originalLanguage', rv.original_language, 'textLanguages', rv.text_languages, 'documentType', rv.document_type,
  'sourceArchive', rv.source_archive, 'sourceLocator', rv.source_locator, 'rights', rv.rights, 'credits', rv.credits,
  'mentions', coalesce((
    SELECT json_agg(json_build_object('role', m.role, 'type', e.type, 'id', e.id, 'name', n.name) ORDER BY m.id)
    FROM mentions m
    JOIN entities me ON me.id = m.entity_id
    JOIN entities e ON e.id = coalesce(me.merged_into_id, me.id)
    JOIN entity_names n ON n.entity_id = e.id AND n.is_preferred
    WHERE m.revision_id = rv.id), '[]'::json)
) END`;

/** One record by id (GetRecord, ListMetadataFormats with an identifier); null when never public. */
export async function getItem(db: Db, id: number, full: boolean): Promise<OaiItem | null> {
  const [item] = await listItems(db, {}, id - 1, 1, full);
  return item?.id === id ? item : null;
}

/** How many items the selection holds (a resumption token's completeListSize). */
export async function countItems(db: Db, selection: Selection): Promise<number> {
  const [row] = await readRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM records r WHERE ${where(selection)}`);
  return row!.n;
}

/** The datestamp of the oldest public change: Identify's earliestDatestamp. */
export async function earliestDatestamp(db: Db): Promise<string | null> {
  const [row] = await readRows<{ at: string | null }>(db, sql`
    SELECT to_char(min(public_changed_at), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM records WHERE status IN ('published', 'withdrawn')`);
  return row!.at;
}

/** Every collection as a set: its slug and title, in slug order. */
export async function listSets(db: Db): Promise<{ spec: string; name: string; description: string }[]> {
  return readRows(db, sql`SELECT slug AS spec, title AS name, description FROM collections ORDER BY slug`);
}
