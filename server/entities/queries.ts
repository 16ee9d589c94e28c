// Read models for public entity pages.
import type { DbOrTx } from "../db";


export async function getEntity(db: DbOrTx, id: number) {
  const entity = await db.entity.findUnique({
    where: { id },
    select: {
      id: true,
      type: true,
      description: true,
      datesText: true,
      latitude: true,
      longitude: true,
      mergedIntoId: true,
      names: { orderBy: [{ isPreferred: "desc" }, { id: "asc" }], select: { id: true, name: true, language: true, romanization: true, isPreferred: true } },
      identifiers: { orderBy: { scheme: "asc" }, select: { scheme: true, value: true } },
    },
  });
  if (!entity) return null;
  const preferred = entity.names.find((n) => n.isPreferred) ?? entity.names[0];
  return { ...entity, name: preferred?.name ?? "(unnamed)" };
}

/** Of these entity ids, the places that have coordinates, with their preferred names: for maps. */
export async function placesOnMap(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db.entity.findMany({
    where: { id: { in: ids }, type: "place", mergedIntoId: null, latitude: { not: null }, longitude: { not: null } },
    select: { id: true, latitude: true, longitude: true, names: { where: { isPreferred: true }, select: { name: true }, take: 1 } },
  });
  return rows.map((r) => ({ id: r.id, name: r.names[0]?.name ?? `Place ${r.id}`, latitude: r.latitude!, longitude: r.longitude! }));
}

/** Published records mentioning an entity, per year of their (earliest) date: the entity timeline. */
export async function entityTimeline(db: DbOrTx, entityId: number) {
  const rows = await db.$queryRaw<{ year: number; count: bigint }[]>`
    SELECT extract(year FROM r.sort_date)::int AS year, count(DISTINCT r.id) AS count
    FROM records r JOIN mentions m ON m.revision_id = r.published_revision_id AND m.entity_id = ${entityId}
    WHERE r.status = 'published' AND r.sort_date IS NOT NULL
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
}

/** The entities that appear most often in the same published records as this one. */
export async function coOccurringEntities(db: DbOrTx, entityId: number, limit = 8) {
  const rows = await db.$queryRaw<{ id: number; type: string; name: string; count: bigint }[]>`
    SELECT e.id, e.type::text AS type, p.name, c.count
    FROM (
      SELECT other.entity_id, count(DISTINCT r.id) AS count
      FROM records r
      JOIN mentions m ON m.revision_id = r.published_revision_id AND m.entity_id = ${entityId}
      JOIN mentions other ON other.revision_id = r.published_revision_id AND other.entity_id <> ${entityId}
      WHERE r.status = 'published'
      GROUP BY other.entity_id
      ORDER BY count DESC, other.entity_id
      LIMIT ${limit}
    ) c
    JOIN entities e ON e.id = c.entity_id
    JOIN entity_names p ON p.entity_id = e.id AND p.is_preferred
    ORDER BY c.count DESC, p.name`;
  return rows.map((r) => ({ id: r.id, type: r.type, name: r.name, count: Number(r.count) }));
}
