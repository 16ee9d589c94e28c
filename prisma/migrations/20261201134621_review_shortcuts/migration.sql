-- AlterTable
ALTER TABLE "users" ADD COLUMN     "review_shortcuts" BOOLEAN NOT NULL DEFAULT true;
