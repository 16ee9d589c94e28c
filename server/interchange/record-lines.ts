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
  // Set-based: the page's mentions, entities, collections, links and keys are each gathered once
  // and joined (an entity named in many of the page's records is described once).
  const rows = await readRows<{ id: number; line: T }>(db, sql`
    WITH page AS MATERIALIZED (
      SELECT r.id, v.id AS revision_id, v.number, v.title, v.date_text, v.summary, v.full_text, v.original_language, v.text_languages,
        v.document_type, v.source_archive, v.source_locator, v.rights, v.credits
      FROM records r JOIN record_revisions v ON v.id = r.published_revision_id
      WHERE r.status = 'published' AND r.id > ${after} AND r.id <= ${after + PAGE} ${options.ids ? sql`AND r.id = ANY(${options.ids}::int[])` : empty}
    ), page_mentions AS MATERIALIZED (
      SELECT m.id, m.revision_id, m.role, m.entity_id, m.name_id FROM mentions m WHERE m.revision_id IN (SELECT revision_id FROM page)
    ), entity_info AS (
      SELECT e.id, CASE WHEN e.latitude IS NULL OR e.longitude IS NULL THEN json_build_object('id', e.id, 'type', e.type, 'name', p.name,
          'description', e.description, 'names', ns.names)
        -- A place with a point carries it (the import creates new places with it).
        ELSE json_build_object('id', e.id, 'type', e.type, 'name', p.name, 'description', e.description, 'names', ns.names,
          'coordinates', json_build_object('latitude', e.latitude, 'longitude', e.longitude)) END AS info
      FROM (SELECT DISTINCT entity_id FROM page_mentions) x
      JOIN entities e ON e.id = x.entity_id
      -- The preferred name (one per entity, a unique index), or else the first one.
      CROSS JOIN LATERAL (SELECT n.name FROM entity_names n WHERE n.entity_id = e.id ORDER BY n.is_preferred DESC, n.id LIMIT 1) p
      CROSS JOIN LATERAL (SELECT coalesce(json_agg(n.name ORDER BY n.id), '[]'::json) AS names FROM entity_names n WHERE n.entity_id = e.id AND n.name <> p.name) ns
    ), mention_lists AS (
      SELECT pm.revision_id, json_agg(
          CASE WHEN used.name IS NULL THEN json_build_object('role', pm.role, 'entity', ei.info)
            ELSE json_build_object('role', pm.role, 'as', used.name, 'entity', ei.info) END
          ORDER BY pm.id) AS mentions
      FROM page_mentions pm JOIN entity_info ei ON ei.id = pm.entity_id LEFT JOIN entity_names used ON used.id = pm.name_id
      GROUP BY pm.revision_id
    ), collection_lists AS (
      SELECT rc.revision_id, json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title) ORDER BY c.id) AS collections
      FROM revision_collections rc JOIN collections c ON c.id = rc.collection_id WHERE rc.revision_id IN (SELECT revision_id FROM page)
      GROUP BY rc.revision_id
    ), link_lists AS (
      SELECT l.revision_id, json_agg(json_build_object('type', l.type, 'record', l.target_record_id, 'note', l.note) ORDER BY l.id) AS links
      FROM revision_links l WHERE l.revision_id IN (SELECT revision_id FROM page)
      GROUP BY l.revision_id
    ), keys AS (
      SELECT DISTINCT ON (k.record_id) k.record_id, k.key FROM record_import_keys k WHERE k.record_id IN (SELECT id FROM page)
      ORDER BY k.record_id, k.created_at DESC
    )
    -- json, not jsonb: written as text once, never parsed into binary and printed again. The
    -- import key, when there is one, is added to the object's text.
    SELECT p.id, (CASE WHEN k.key IS NULL THEN o.line ELSE (left(o.line::text, -1) || ',"key":' || to_json(k.key)::text || '}')::json END)
      ${asText ? sql`::text` : empty} AS line
    FROM page p
    LEFT JOIN mention_lists ml ON ml.revision_id = p.revision_id
    LEFT JOIN collection_lists cl ON cl.revision_id = p.revision_id
    LEFT JOIN link_lists ll ON ll.revision_id = p.revision_id
    LEFT JOIN keys k ON k.record_id = p.id
    CROSS JOIN LATERAL (SELECT json_build_object(
        'id', p.id, 'revision', p.number, 'title', p.title, 'date', p.date_text, 'summary', p.summary, 'fullText', p.full_text,
        'originalLanguage', p.original_language, 'textLanguages', to_json(p.text_languages), 'documentType', p.document_type,
        'source', json_build_object('archive', p.source_archive, 'locator', p.source_locator), 'rights', p.rights,
        'credits', CASE WHEN jsonb_typeof(p.credits) = 'array' THEN p.credits::json ELSE '[]'::json END,
        'collections', coalesce(cl.collections, '[]'::json),
        'mentions', coalesce(ml.mentions, '[]'::json),
        'links', coalesce(ll.links, '[]'::json)) AS line) o
    ORDER BY p.id`);
  return rows.map((row) => row.line);
}
