-- DropIndex
DROP INDEX "search_outbox_processed_at_available_at_idx";

-- DropIndex
DROP INDEX "search_outbox_record_id_idx";

-- DropIndex
DROP INDEX "search_outbox_entity_id_idx";

-- Every first revision has no parent and nothing looks for those: the index keeps the others
-- only (it serves the parent's ON DELETE lookup). schema.prisma keeps @@index([parentId]):
-- Prisma cannot express a partial index.
DROP INDEX "record_revisions_parent_id_idx";
CREATE INDEX "record_revisions_parent_id_idx" ON "record_revisions" ("parent_id") WHERE "parent_id" IS NOT NULL;
