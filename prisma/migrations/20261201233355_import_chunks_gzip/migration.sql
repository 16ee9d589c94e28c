-- AlterTable
ALTER TABLE "import_chunks" ADD COLUMN     "gzipped" BOOLEAN NOT NULL DEFAULT false;

-- Slices arrive gzip-compressed (server/imports/files.ts): PostgreSQL need not try its own,
-- slower compression on them (pglz; this build has no lz4). Old uncompressed slices stay as they are.
ALTER TABLE "import_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
