import type { DbOrTx } from "../db";

/** Collections with the number of published records in each. */
export async function listCollections(db: DbOrTx) {
  const collections = await db.collection.findMany({ orderBy: { title: "asc" }, select: { id: true, slug: true, title: true, description: true } });
  const counts = await db.revisionCollection.groupBy({
    by: ["collectionId"],
    where: { revision: { publishedFor: { is: { status: "published" } } } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.collectionId, c._count._all]));
  return collections.map((c) => ({ ...c, recordCount: countOf.get(c.id) ?? 0 }));
}

export function getCollectionBySlug(db: DbOrTx, slug: string) {
  return db.collection.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, description: true } });
}
