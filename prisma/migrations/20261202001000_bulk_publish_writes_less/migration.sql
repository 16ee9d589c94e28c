-- Bulk publication writes each new record once (server/records/publish.ts, publishNewRecords):
-- the record row is inserted already pointing at its first revision, which is inserted next, so
-- this one foreign key is checked at commit in that transaction (SET CONSTRAINTS ... DEFERRED).
-- Everywhere else it stays checked at once, as before.
ALTER TABLE "records" ALTER CONSTRAINT "records_published_revision_id_fkey" DEFERRABLE INITIALLY IMMEDIATE;

-- Most mentions record no name; their entries in the name index were never read (it serves only
-- the ON DELETE SET NULL of entity_names, which looks for a given name). schema.prisma keeps
-- @@index([nameId]): Prisma cannot express a partial index.
DROP INDEX "mentions_name_id_idx";
CREATE INDEX "mentions_name_id_idx" ON "mentions" ("name_id") WHERE "name_id" IS NOT NULL;
