// "Same person?": before a new entity is proposed, the existing ones whose names are close to any of
// its names, found with the record editor's picker (prefix, word prefix, then typo similarity), so
// "Terenti Shtikov" meets "Terentii Shtykov" before a duplicate is made (issue 17, item 8).
import type { Db } from "../db";
import type { EntityType } from "../generated/prisma/enums";
import { matchEntityNames, type NameMatch } from "./picker";

export interface SimilarEntity extends NameMatch {
  /** The typed name that found it. */
  typed: string;
}

/** Existing entities of `type` close to any of `names` (first names first), at most `limit`. */
export async function similarEntities(db: Db, input: { type: EntityType; names: string[]; excludeId?: number; limit?: number }): Promise<SimilarEntity[]> {
  const limit = input.limit ?? 5;
  const typed = [...new Set(input.names.map((n) => n.trim()).filter((n) => n.length >= 2))].slice(0, 10);
  const found: SimilarEntity[] = [];
  for (const name of typed) {
    for (const match of await matchEntityNames(db, name, { type: input.type, limit })) {
      if (match.entityId === input.excludeId || found.some((f) => f.entityId === match.entityId)) continue;
      found.push({ ...match, typed: name });
    }
    if (found.length >= limit) break;
  }
  return found.slice(0, limit);
}
