-- AlterTable
ALTER TABLE "search_documents" ADD COLUMN     "organization_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "person_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "place_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "subject_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- Added by hand: fill the new columns for documents already indexed.
UPDATE "search_documents" sd SET
  "person_ids" = ARRAY(SELECT e.id FROM "entities" e WHERE e.id = ANY(sd."entity_ids") AND e.type = 'person' ORDER BY e.id),
  "organization_ids" = ARRAY(SELECT e.id FROM "entities" e WHERE e.id = ANY(sd."entity_ids") AND e.type = 'organization' ORDER BY e.id),
  "place_ids" = ARRAY(SELECT e.id FROM "entities" e WHERE e.id = ANY(sd."entity_ids") AND e.type = 'place' ORDER BY e.id),
  "subject_ids" = ARRAY(SELECT e.id FROM "entities" e WHERE e.id = ANY(sd."entity_ids") AND e.type = 'subject' ORDER BY e.id);
