-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('csv', 'jsonl', 'tei');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('receiving', 'uploaded', 'validating', 'validated', 'failed', 'submitted', 'approving', 'approved', 'rejected', 'undoing', 'undone', 'discarded');

-- CreateEnum
CREATE TYPE "ImportItemAction" AS ENUM ('create', 'update', 'unchanged', 'skip');

-- CreateEnum
CREATE TYPE "ImportItemState" AS ENUM ('pending', 'published', 'left_out', 'conflict', 'undone', 'kept');

-- CreateEnum
CREATE TYPE "ImportReferenceKind" AS ENUM ('person', 'organization', 'place', 'subject', 'collection');

-- CreateTable
CREATE TABLE "imports" (
    "id" SERIAL NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_size" INTEGER NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'receiving',
    "mapping" JSONB,
    "all_or_nothing" BOOLEAN NOT NULL DEFAULT false,
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER,
    "stage_started_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3),
    "summary" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "left_out" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "author_id" TEXT NOT NULL,
    "change_request_id" INTEGER,
    "undone_by_id" TEXT,
    "undone_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_chunks" (
    "import_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_chunks_pkey" PRIMARY KEY ("import_id","seq")
);

-- CreateTable
CREATE TABLE "import_items" (
    "import_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "key" TEXT,
    "title" TEXT NOT NULL,
    "action" "ImportItemAction" NOT NULL,
    "record_id" INTEGER,
    "base_revision_id" INTEGER,
    "proposed" JSONB,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "has_errors" BOOLEAN NOT NULL DEFAULT false,
    "state" "ImportItemState" NOT NULL DEFAULT 'pending',
    "previous_revision_id" INTEGER,
    "result_revision_id" INTEGER,
    "conflict_request_id" INTEGER,

    CONSTRAINT "import_items_pkey" PRIMARY KEY ("import_id","seq")
);

-- CreateTable
CREATE TABLE "import_references" (
    "import_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "ImportReferenceKind" NOT NULL,
    "label" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "matched_id" INTEGER,
    "matched_as" TEXT,
    "ambiguous" BOOLEAN NOT NULL DEFAULT false,
    "created_id" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "import_references_pkey" PRIMARY KEY ("import_id","key")
);

-- CreateTable
CREATE TABLE "record_import_keys" (
    "key" TEXT NOT NULL,
    "record_id" INTEGER NOT NULL,
    "import_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "record_import_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "import_mappings" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "imports_change_request_id_key" ON "imports"("change_request_id");

-- CreateIndex
CREATE INDEX "imports_status_heartbeat_at_idx" ON "imports"("status", "heartbeat_at");

-- CreateIndex
CREATE INDEX "imports_author_id_created_at_idx" ON "imports"("author_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "imports_file_sha256_idx" ON "imports"("file_sha256");

-- CreateIndex
CREATE INDEX "import_items_import_id_state_seq_idx" ON "import_items"("import_id", "state", "seq");

-- CreateIndex
CREATE INDEX "import_items_record_id_idx" ON "import_items"("record_id");

-- CreateIndex
CREATE INDEX "record_import_keys_record_id_idx" ON "record_import_keys"("record_id");

-- CreateIndex
CREATE UNIQUE INDEX "import_mappings_name_key" ON "import_mappings"("name");

-- CreateIndex
CREATE INDEX "import_mappings_created_by_id_idx" ON "import_mappings"("created_by_id");

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_items" ADD CONSTRAINT "import_items_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_references" ADD CONSTRAINT "import_references_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Imports match rows to existing records by locator and spot likely duplicates by title
-- (server/imports/matching.ts), case-insensitively, a batch of values at a time.
CREATE INDEX "record_revisions_source_locator_lower_idx" ON "record_revisions" (lower("source_locator")) WHERE "source_locator" <> '';
CREATE INDEX "record_revisions_title_lower_idx" ON "record_revisions" (lower("title"));
