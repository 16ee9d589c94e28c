-- AlterTable
ALTER TABLE "change_requests" ADD COLUMN     "base_entity_version" INTEGER;
