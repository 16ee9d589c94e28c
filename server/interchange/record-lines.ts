// Dossier's interchange shape for records, one JSON object per line (docs/import.md): what the
// archive export writes and bulk import reads back (server/imports/formats/jsonl.ts), so that an
// export imports without loss. Published records only, in id order, read a page at a time; each
// page is one statement that PostgreSQL answers as JSON (an export of 500,000 records would
// otherwise cost thousands of round trips through the ORM).
import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { RecordLine } from "../imports/formats/jsonl";

const { sql, empty } = Prisma;

const PAGE = 1_000;

/** Every published record as an interchange line, streamed in pages. */
export async function* publishedRecordLines(db: Db, options: { ids?: number[] } = {}): AsyncGenerator<RecordLine> {
  for await (const page of pages<RecordLine>(db, options, false)) yield* page;
}

/** The same lines as JSON text, as PostgreSQL writes them (the JSON Lines export: nothing to parse and write again). */
export async function* publishedRecordLineTexts(db: Db): AsyncGenerator<string[]> {
  yield* pages<string>(db, {}, true);
}

/**
 * Pages of lines by ranges of PAGE ids, the next range read while this one is handed on: two
 * statements in flight keep two PostgreSQL backends (and cores) busy, where building the JSON
 * is the export's cost. Records published after the export began (higher ids) are not in it.
 */
async function* pages<T>(db: Db, options: { ids?: number[] }, asText: boolean): AsyncGenerator<T[]> {
  const [bounds] = await readRows<{ last: number }>(db, sql`SELECT coalesce(max(id), 0) AS last FROM records WHERE status = 'published'`);
  const last = bounds!.last;
  const read = (after: number) => page<T>(db, options, asText, after);
  const inFlight: Promise<T[]>[] = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < 2 && next < last) {
      const rows = read(next);
      rows.catch(() => undefined); // awaited in turn below; a failure meanwhile is not unhandled
      inFlight.push(rows);
      next += PAGE;
    }
  };
  fill();
  while (inFlight.length) {
    const rows = await inFlight.shift()!;
    fill();
    if (rows.length) yield rows;
  }
}

async function page<T>(db: Db, options: { ids?: number[] }, asText: boolean, after: number): Promise<T[]> {
  const rows = await readRows<{ id: number; line: T }>(db, sql`
      SELECT r.id, (jsonb_build_object(
          'id', r.id, 'revision', v.number, 'title', v.title, 'date', v.date_text, 'summary', v.summary, 'fullText', v.full_text,
          'originalLanguage', v.original_language, 'textLanguages', to_jsonb(v.text_languages), 'documentType', v.document_type,
          'source', jsonb_build_object('archive', v.source_archive, 'locator', v.source_locator), 'rights', v.rights,
          'credits', CASE WHEN jsonb_typeof(v.credits) = 'array' THEN v.credits ELSE '[]'::jsonb END,
          'collections', coalesce((
            SELECT jsonb_agg(jsonb_build_object('id', c.id, 'slug', c.slug, 'title', c.title) ORDER BY c.id)
            FROM revision_collections rc JOIN collections c ON c.id = rc.collection_id WHERE rc.revision_id = v.id), '[]'::jsonb),
          'mentions', coalesce((
            SELECT jsonb_agg(
              jsonb_build_object('role', m.role, 'entity', jsonb_build_object(
                'id', e.id, 'type', e.type, 'name', p.name, 'description', e.description,
                'names', coalesce((SELECT jsonb_agg(n.name ORDER BY n.id) FROM entity_names n WHERE n.entity_id = e.id AND n.name <> p.name), '[]'::jsonb)))
              || CASE WHEN used.name IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('as', used.name) END
              ORDER BY m.id)
            FROM mentions m
            JOIN entities e ON e.id = m.entity_id
            LEFT JOIN entity_names used ON used.id = m.name_id
            -- The preferred name (one per entity, a unique index), or else the first one.
            CROSS JOIN LATERAL (
              SELECT n.name FROM entity_names n WHERE n.entity_id = e.id ORDER BY n.is_preferred DESC, n.id LIMIT 1) p
            WHERE m.revision_id = v.id), '[]'::jsonb),
          'links', coalesce((
            SELECT jsonb_agg(jsonb_build_object('type', l.type, 'record', l.target_record_id, 'note', l.note) ORDER BY l.id)
            FROM revision_links l WHERE l.revision_id = v.id), '[]'::jsonb)
        ) || coalesce((SELECT jsonb_build_object('key', k.key) FROM record_import_keys k WHERE k.record_id = r.id ORDER BY k.created_at DESC LIMIT 1), '{}'::jsonb))
        ${asText ? sql`::text` : empty} AS line
      FROM records r JOIN record_revisions v ON v.id = r.published_revision_id
      WHERE r.status = 'published' AND r.id > ${after} AND r.id <= ${after + PAGE} ${options.ids ? sql`AND r.id = ANY(${options.ids}::int[])` : empty}
      ORDER BY r.id`);
  return rows.map((row) => row.line);
}
