-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('editor', 'reviewer', 'admin');

-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('draft', 'published', 'withdrawn');

-- CreateEnum
CREATE TYPE "DocumentType" AS ENUM ('telegram', 'memorandum', 'journal_entry', 'letter', 'report', 'minutes', 'conversation', 'speech', 'agreement', 'other');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('day', 'month', 'year', 'decade', 'century');

-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('record_create', 'record_edit', 'entity_create', 'entity_edit', 'entity_merge', 'import_batch');

-- CreateEnum
CREATE TYPE "ChangeRequestState" AS ENUM ('draft', 'pending', 'sent_back', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "EntityType" AS ENUM ('person', 'organization', 'place', 'subject');

-- CreateEnum
CREATE TYPE "MentionRole" AS ENUM ('author', 'recipient', 'mentioned');

-- CreateEnum
CREATE TYPE "LinkType" AS ENUM ('reply_to', 'enclosure_of', 'translation_of', 'related_to', 'same_event', 'continues');

-- CreateEnum
CREATE TYPE "OutboxOp" AS ENUM ('sync_record', 'sync_entity');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role",
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "trusted" BOOLEAN NOT NULL DEFAULT false,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "last_sign_in_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "records" (
    "id" SERIAL NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'draft',
    "published_revision_id" INTEGER,
    "sort_date" DATE,
    "published_at" TIMESTAMP(3),
    "withdrawn_at" TIMESTAMP(3),
    "withdrawn_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "record_revisions" (
    "id" SERIAL NOT NULL,
    "record_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "parent_id" INTEGER,
    "title" TEXT NOT NULL,
    "date_text" TEXT NOT NULL,
    "date_edtf" TEXT NOT NULL,
    "date_earliest" DATE NOT NULL,
    "date_latest" DATE NOT NULL,
    "date_precision" "DatePrecision" NOT NULL,
    "date_approximate" BOOLEAN NOT NULL DEFAULT false,
    "date_uncertain" BOOLEAN NOT NULL DEFAULT false,
    "summary" TEXT NOT NULL,
    "full_text" TEXT NOT NULL DEFAULT '',
    "original_language" TEXT NOT NULL,
    "text_languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "document_type" "DocumentType" NOT NULL,
    "source_archive" TEXT NOT NULL DEFAULT '',
    "source_locator" TEXT NOT NULL DEFAULT '',
    "rights" TEXT NOT NULL DEFAULT '',
    "credits" JSONB NOT NULL DEFAULT '[]',
    "message" TEXT NOT NULL DEFAULT '',
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "record_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" SERIAL NOT NULL,
    "kind" "ChangeRequestKind" NOT NULL,
    "state" "ChangeRequestState" NOT NULL DEFAULT 'draft',
    "record_id" INTEGER,
    "entity_id" INTEGER,
    "base_revision_id" INTEGER,
    "proposed" JSONB NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "author_id" TEXT NOT NULL,
    "reviewer_id" TEXT,
    "reason" TEXT,
    "result_revision_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submitted_at" TIMESTAMP(3),
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_request_comments" (
    "id" SERIAL NOT NULL,
    "change_request_id" INTEGER NOT NULL,
    "author_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_request_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entities" (
    "id" SERIAL NOT NULL,
    "type" "EntityType" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "dates_text" TEXT NOT NULL DEFAULT '',
    "dates_edtf" TEXT,
    "date_earliest" DATE,
    "date_latest" DATE,
    "merged_into_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "entities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_names" (
    "id" SERIAL NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT '',
    "romanization" TEXT,
    "is_preferred" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "entity_names_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_identifiers" (
    "id" SERIAL NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "scheme" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_identifiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentions" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "role" "MentionRole" NOT NULL,
    "name_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revision_links" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "target_record_id" INTEGER NOT NULL,
    "type" "LinkType" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revision_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "collections" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "collections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revision_collections" (
    "revision_id" INTEGER NOT NULL,
    "collection_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revision_collections_pkey" PRIMARY KEY ("revision_id","collection_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" SERIAL NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "subject_type" TEXT,
    "subject_id" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_outbox" (
    "id" SERIAL NOT NULL,
    "op" "OutboxOp" NOT NULL,
    "record_id" INTEGER,
    "entity_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "processed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "records_published_revision_id_key" ON "records"("published_revision_id");

-- CreateIndex
CREATE INDEX "records_status_published_at_idx" ON "records"("status", "published_at" DESC);

-- CreateIndex
CREATE INDEX "records_status_sort_date_idx" ON "records"("status", "sort_date");

-- CreateIndex
CREATE INDEX "records_created_by_id_idx" ON "records"("created_by_id");

-- CreateIndex
CREATE INDEX "record_revisions_parent_id_idx" ON "record_revisions"("parent_id");

-- CreateIndex
CREATE INDEX "record_revisions_author_id_idx" ON "record_revisions"("author_id");

-- CreateIndex
CREATE INDEX "record_revisions_date_earliest_idx" ON "record_revisions"("date_earliest");

-- CreateIndex
CREATE UNIQUE INDEX "record_revisions_record_id_number_key" ON "record_revisions"("record_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "change_requests_result_revision_id_key" ON "change_requests"("result_revision_id");

-- CreateIndex
CREATE INDEX "change_requests_state_submitted_at_idx" ON "change_requests"("state", "submitted_at");

-- CreateIndex
CREATE INDEX "change_requests_record_id_idx" ON "change_requests"("record_id");

-- CreateIndex
CREATE INDEX "change_requests_entity_id_idx" ON "change_requests"("entity_id");

-- CreateIndex
CREATE INDEX "change_requests_base_revision_id_idx" ON "change_requests"("base_revision_id");

-- CreateIndex
CREATE INDEX "change_requests_author_id_state_idx" ON "change_requests"("author_id", "state");

-- CreateIndex
CREATE INDEX "change_requests_reviewer_id_idx" ON "change_requests"("reviewer_id");

-- CreateIndex
CREATE INDEX "change_request_comments_change_request_id_created_at_idx" ON "change_request_comments"("change_request_id", "created_at");

-- CreateIndex
CREATE INDEX "change_request_comments_author_id_idx" ON "change_request_comments"("author_id");

-- CreateIndex
CREATE INDEX "entities_type_idx" ON "entities"("type");

-- CreateIndex
CREATE INDEX "entities_merged_into_id_idx" ON "entities"("merged_into_id");

-- CreateIndex
CREATE INDEX "entity_names_normalized_idx" ON "entity_names"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "entity_names_entity_id_name_key" ON "entity_names"("entity_id", "name");

-- CreateIndex
CREATE INDEX "entity_identifiers_entity_id_idx" ON "entity_identifiers"("entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "entity_identifiers_scheme_value_key" ON "entity_identifiers"("scheme", "value");

-- CreateIndex
CREATE INDEX "mentions_entity_id_revision_id_idx" ON "mentions"("entity_id", "revision_id");

-- CreateIndex
CREATE INDEX "mentions_name_id_idx" ON "mentions"("name_id");

-- CreateIndex
CREATE UNIQUE INDEX "mentions_revision_id_entity_id_role_key" ON "mentions"("revision_id", "entity_id", "role");

-- CreateIndex
CREATE INDEX "revision_links_target_record_id_idx" ON "revision_links"("target_record_id");

-- CreateIndex
CREATE UNIQUE INDEX "revision_links_revision_id_target_record_id_type_key" ON "revision_links"("revision_id", "target_record_id", "type");

-- CreateIndex
CREATE UNIQUE INDEX "collections_slug_key" ON "collections"("slug");

-- CreateIndex
CREATE INDEX "revision_collections_collection_id_revision_id_idx" ON "revision_collections"("collection_id", "revision_id");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_created_at_idx" ON "audit_events"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_subject_type_subject_id_created_at_idx" ON "audit_events"("subject_type", "subject_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at" DESC);

-- CreateIndex
CREATE INDEX "search_outbox_processed_at_available_at_idx" ON "search_outbox"("processed_at", "available_at");

-- CreateIndex
CREATE INDEX "search_outbox_record_id_idx" ON "search_outbox"("record_id");

-- CreateIndex
CREATE INDEX "search_outbox_entity_id_idx" ON "search_outbox"("entity_id");

-- AddForeignKey
ALTER TABLE "records" ADD CONSTRAINT "records_published_revision_id_fkey" FOREIGN KEY ("published_revision_id") REFERENCES "record_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "records" ADD CONSTRAINT "records_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "record_revisions" ADD CONSTRAINT "record_revisions_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "record_revisions" ADD CONSTRAINT "record_revisions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "record_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "record_revisions" ADD CONSTRAINT "record_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_base_revision_id_fkey" FOREIGN KEY ("base_revision_id") REFERENCES "record_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_result_revision_id_fkey" FOREIGN KEY ("result_revision_id") REFERENCES "record_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request_comments" ADD CONSTRAINT "change_request_comments_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request_comments" ADD CONSTRAINT "change_request_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entities" ADD CONSTRAINT "entities_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "entities"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_names" ADD CONSTRAINT "entity_names_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entity_identifiers" ADD CONSTRAINT "entity_identifiers_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "record_revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_name_id_fkey" FOREIGN KEY ("name_id") REFERENCES "entity_names"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_links" ADD CONSTRAINT "revision_links_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "record_revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_links" ADD CONSTRAINT "revision_links_target_record_id_fkey" FOREIGN KEY ("target_record_id") REFERENCES "records"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_collections" ADD CONSTRAINT "revision_collections_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "record_revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_collections" ADD CONSTRAINT "revision_collections_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Added by hand: what schema.prisma cannot express.
-- ---------------------------------------------------------------------------

-- Accent folding and trigram similarity for name matching and search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- One preferred name per entity.
CREATE UNIQUE INDEX "entity_names_one_preferred" ON "entity_names"("entity_id") WHERE "is_preferred";

-- Name picker and variant matching: trigram index over the normalized names.
CREATE INDEX "entity_names_normalized_trgm" ON "entity_names" USING gin ("normalized" gin_trgm_ops);

-- Imprecise dates: the earliest day never follows the latest.
ALTER TABLE "record_revisions" ADD CONSTRAINT "record_revisions_date_range" CHECK ("date_earliest" <= "date_latest");
ALTER TABLE "entities" ADD CONSTRAINT "entities_date_range" CHECK ("date_earliest" IS NULL OR "date_latest" IS NULL OR "date_earliest" <= "date_latest");

-- Pending outbox rows, oldest first: the worker's claim query.
CREATE INDEX "search_outbox_pending" ON "search_outbox"("available_at", "id") WHERE "processed_at" IS NULL;
