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
      mergedIntoId: true,
      names: { orderBy: [{ isPreferred: "desc" }, { id: "asc" }], select: { id: true, name: true, language: true, romanization: true, isPreferred: true } },
      identifiers: { orderBy: { scheme: "asc" }, select: { scheme: true, value: true } },
    },
  });
  if (!entity) return null;
  const preferred = entity.names.find((n) => n.isPreferred) ?? entity.names[0];
  return { ...entity, name: preferred?.name ?? "(unnamed)" };
}

